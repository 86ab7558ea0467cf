import { Subject } from 'rxjs';
import type { Endpoint, Hardware, Notification } from './types.js';

/** A bus operation that failed: the device is gone, timed out, or refused. */
export class HardwareError extends Error {
  override readonly name = 'HardwareError';
}

/**
 * What every bus handle shares: the notification and disconnect streams, one-shot closing, and
 * operations that give up when the device goes away or does not answer in time (a write to a
 * toy that dropped out must fail, not hang the command that sent it).
 */
export abstract class BaseHardware implements Hardware {
  readonly notification$ = new Subject<Notification>();
  readonly disconnected$ = new Subject<void>();
  protected readonly subscribed = new Set<Endpoint>();
  private gone = false;
  private readonly goneWaiters = new Set<(err: Error) => void>();

  constructor(
    readonly name: string,
    readonly address: string,
    readonly endpoints: readonly Endpoint[],
  ) {}

  /** True once the device disconnected or was closed. */
  get closed(): boolean {
    return this.gone;
  }

  abstract write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void>;
  abstract read(endpoint: Endpoint, length: number, timeoutMs: number): Promise<Uint8Array>;
  abstract subscribe(endpoint: Endpoint): Promise<void>;
  abstract unsubscribe(endpoint: Endpoint): Promise<void>;
  abstract disconnect(): Promise<void>;

  /** Throws unless the device is connected and has this endpoint. */
  protected check(endpoint: Endpoint): void {
    if (this.gone) throw new HardwareError(`${this.label} is disconnected`);
    if (!this.endpoints.includes(endpoint))
      throw new HardwareError(
        `${this.label} has no endpoint "${endpoint}" (it has ${this.endpoints.join(', ') || 'none'})`,
      );
  }

  protected get label(): string {
    return `"${this.name}" (${this.address})`;
  }

  /** Runs `work`, failing if the device disconnects first or `timeoutMs` passes. */
  protected guard<T>(what: string, work: Promise<T>, timeoutMs: number): Promise<T> {
    if (this.gone) return Promise.reject(new HardwareError(`${what}: ${this.label} is disconnected`));
    return new Promise<T>((resolve, reject) => {
      const onGone = () => finish(() => reject(new HardwareError(`${what}: ${this.label} disconnected`)));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new HardwareError(`${what}: ${this.label} did not answer within ${timeoutMs} ms`)),
          ),
        timeoutMs,
      );
      let done = false;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.goneWaiters.delete(onGone);
        settle();
      };
      this.goneWaiters.add(onGone);
      work.then(
        (v) => finish(() => resolve(v)),
        (err: unknown) =>
          finish(() =>
            reject(
              err instanceof HardwareError ? err : new HardwareError(`${what}: ${(err as Error).message}`),
            ),
          ),
      );
    });
  }

  /** Passes bytes from the device on if the endpoint is subscribed. */
  protected deliver(endpoint: Endpoint, data: Uint8Array): boolean {
    if (this.gone || !this.subscribed.has(endpoint)) return false;
    this.notification$.next({ endpoint, data });
    return true;
  }

  /** Marks the device gone: pending operations fail, disconnected$ fires once. */
  protected markGone(): void {
    if (this.gone) return;
    this.gone = true;
    for (const w of [...this.goneWaiters]) w(new HardwareError('disconnected'));
    this.subscribed.clear();
    this.disconnected$.next();
    this.disconnected$.complete();
    this.notification$.complete();
  }
}
