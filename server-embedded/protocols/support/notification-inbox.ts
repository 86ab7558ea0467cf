import type { Subscription } from 'rxjs';
import type { Endpoint, Hardware } from '../../hardware/types.js';

/**
 * Collects a device's notifications on one endpoint so a handshake can await them one by one.
 * Start it before subscribing on the device, so an answer that arrives at once is not missed.
 */
export class NotificationInbox {
  private readonly queued: Uint8Array[] = [];
  private waiter: { resolve: (d: Uint8Array) => void; reject: (e: Error) => void } | undefined;
  private ended: Error | undefined;
  private readonly subscription: Subscription;

  constructor(
    hardware: Hardware,
    private readonly endpoint: Endpoint,
  ) {
    this.subscription = hardware.notification$.subscribe({
      next: (n) => {
        if (n.endpoint !== endpoint) return;
        if (this.waiter) {
          const w = this.waiter;
          this.waiter = undefined;
          w.resolve(n.data);
        } else this.queued.push(n.data);
      },
      complete: () => this.end(new Error(`the device disconnected while we waited on ${endpoint}`)),
    });
  }

  /** The next notification; rejects after `timeoutMs` (naming `what` was awaited) or on disconnect. */
  next(timeoutMs: number, what: string): Promise<Uint8Array> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.ended) return Promise.reject(this.ended);
    if (this.waiter) return Promise.reject(new Error('NotificationInbox.next called twice concurrently'));
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no ${what} on ${this.endpoint} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /** Stops listening; a pending `next` fails. */
  close(): void {
    this.subscription.unsubscribe();
    this.end(new Error('stopped listening'));
  }

  private end(err: Error): void {
    this.ended ??= err;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(err);
  }
}
