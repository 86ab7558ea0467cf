/**
 * Waiting for a toy's answers: every handshake, battery read and authentication exchange goes
 * through {@link NotificationInbox}, so timeouts, disconnects and early answers behave the same in
 * every protocol.
 */
import type { Subscription } from 'rxjs';
import type { Endpoint, Hardware } from '../../hardware/types.js';

/** The toy did not answer a request in time. */
export class HandshakeTimeoutError extends Error {
  override readonly name = 'HandshakeTimeoutError';
}

/** The toy went away while an answer was awaited. */
export class DeviceGoneError extends Error {
  override readonly name = 'DeviceGoneError';
}

interface Waiter {
  resolve(data: Uint8Array | undefined): void;
  reject(err: Error): void;
}

/**
 * Buffers a device's notifications on one endpoint (every endpoint when omitted) so a
 * request/answer exchange cannot miss an answer that arrives before anyone awaits it. Open it
 * before writing the request (and before subscribing); close it when done.
 */
export class NotificationInbox {
  private readonly queued: Uint8Array[] = [];
  private waiter: Waiter | undefined;
  private ended: Error | undefined;
  private readonly subscriptions: Subscription[];

  constructor(hardware: Hardware, endpoint?: Endpoint) {
    const gone = () => this.end(new DeviceGoneError('the device disconnected while an answer was awaited'));
    this.subscriptions = [
      hardware.notification$.subscribe({
        next: (n) => {
          if (endpoint !== undefined && n.endpoint !== endpoint) return;
          const w = this.waiter;
          this.waiter = undefined;
          if (w) w.resolve(n.data);
          else this.queued.push(n.data);
        },
        complete: gone,
      }),
      hardware.disconnected$.subscribe(gone),
    ];
  }

  /**
   * The next notification. Rejects with a {@link HandshakeTimeoutError} naming `what` was asked
   * after `ms`, or with a {@link DeviceGoneError}.
   */
  async next(ms: number, what: string): Promise<Uint8Array> {
    const data = await this.wait(ms);
    if (data) return data;
    throw new HandshakeTimeoutError(`no answer to ${what} within ${ms} ms`);
  }

  /**
   * For toys where silence is an answer too: the next notification, or undefined after `ms`.
   * Rejects only with a {@link DeviceGoneError}.
   */
  nextOrNone(ms: number): Promise<Uint8Array | undefined> {
    return this.wait(ms);
  }

  /** Stops listening; a pending wait fails. */
  close(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.end(new Error('stopped listening for notifications'));
  }

  private wait(ms: number): Promise<Uint8Array | undefined> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.ended) return Promise.reject(this.ended);
    if (this.waiter) return Promise.reject(new Error('NotificationInbox: two waits at once'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, ms);
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

  private end(err: Error): void {
    this.ended ??= err;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(err);
  }
}

/** Runs one wait on a fresh inbox and closes it; the promise is pre-handled so it may be awaited later. */
function once<T>(inbox: NotificationInbox, wait: (i: NotificationInbox) => Promise<T>): Promise<T> {
  const p = wait(inbox).finally(() => inbox.close());
  p.catch(() => {}); // the caller may await it only after writing its request
  return p;
}

/**
 * Starts listening for the next notification on `endpoint` (call before writing the request, so
 * a fast answer is not missed) and returns a promise of its bytes; rejects as
 * {@link NotificationInbox.next} does.
 */
export const nextNotification = (
  hardware: Hardware,
  endpoint: Endpoint,
  ms: number,
  what: string,
): Promise<Uint8Array> => once(new NotificationInbox(hardware, endpoint), (i) => i.next(ms, what));

/**
 * Like {@link nextNotification} where silence is an answer too: the next notification on
 * `endpoint` (any endpoint when omitted) or undefined after `ms`.
 */
export const nextReply = (
  hardware: Hardware,
  ms: number,
  endpoint?: Endpoint,
): Promise<Uint8Array | undefined> =>
  once(new NotificationInbox(hardware, endpoint), (i) => i.nextOrNone(ms));

/** Waits `ms` (handshakes that need the toy to settle). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a text answer; undefined when the bytes are not UTF-8. */
export const decodeText = (data: Uint8Array): string | undefined => {
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
};
