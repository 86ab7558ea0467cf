import type { Subscription } from 'rxjs';
import type { Endpoint, Hardware } from '../../hardware/types.js';

/** The device went away while a reply was awaited. */
export class DeviceGoneError extends Error {
  override readonly name = 'DeviceGoneError';
}

/**
 * Buffers notifications from one endpoint so a request/reply exchange cannot miss an answer that
 * arrives before anyone awaits it. Open it before writing the request; close it when done.
 */
export class NotificationInbox {
  private readonly queue: Uint8Array[] = [];
  private waiter: ((data: Uint8Array | undefined) => void) | undefined;
  private gone = false;
  private readonly sub: Subscription;

  constructor(hardware: Hardware, endpoint: Endpoint) {
    this.sub = hardware.notification$.subscribe({
      next: (n) => {
        if (n.endpoint !== endpoint) return;
        if (this.waiter) this.take(n.data);
        else this.queue.push(n.data);
      },
      complete: () => {
        this.gone = true;
        this.take(undefined);
      },
    });
  }

  /** The next notification, or undefined when none arrives within `ms`. Throws if the device is gone. */
  next(ms: number): Promise<Uint8Array | undefined> {
    const ready = this.queue.shift();
    if (ready) return Promise.resolve(ready);
    if (this.gone) return Promise.reject(new DeviceGoneError('the device disconnected'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, ms);
      this.waiter = (data) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (data) resolve(data);
        else reject(new DeviceGoneError('the device disconnected'));
      };
    });
  }

  close(): void {
    this.sub.unsubscribe();
    this.take(undefined);
  }

  private take(data: Uint8Array | undefined): void {
    this.waiter?.(data);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a text reply; undefined when the bytes are not UTF-8. */
export const decodeText = (data: Uint8Array): string | undefined => {
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
};
