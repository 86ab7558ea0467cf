import { Observable, share, type Subscription } from 'rxjs';
import type { Clock, Timer } from '../clock/index.js';
import { PlugkitError, type InputCommandType, type InputType, type Range } from '../protocol/index.js';
import type { FeatureDescription, InputDescription } from './model.js';
import { invalid } from './values.js';

/** How often `values$` reads an input that cannot stream (e.g. most batteries): once a minute. */
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

/** What an input needs from its device. */
export interface InputPort {
  /** Sends Read/Subscribe/Unsubscribe for this input; Read resolves with the value. */
  command(
    feature: FeatureDescription,
    input: InputDescription,
    command: InputCommandType,
  ): Promise<number | undefined>;
  /** Values pushed by the server for (feature, type) while subscribed. */
  pushed(featureIndex: number, type: InputType): Observable<number>;
  /** The clock polling is paced by. */
  clock(): Clock;
}

/**
 * One sensor of a device feature: battery, pressure, button… `read()` asks once; `values$`
 * streams. Values are in the input's own units (battery: percent 0–100; see {@link ranges}).
 */
export class Input {
  /**
   * Readings as they arrive. The device is subscribed when the first observer arrives and
   * unsubscribed when the last one leaves; after a reconnect it is subscribed again. A server
   * refusal reaches observers as an error. Inputs that cannot stream are read every
   * {@link DEFAULT_POLL_INTERVAL_MS} instead (first read at once).
   */
  readonly values$: Observable<number>;
  private active = false;

  /** @internal */
  constructor(
    private readonly port: InputPort,
    private feature: FeatureDescription,
    private description: InputDescription,
  ) {
    this.values$ = new Observable<number>((observer) =>
      this.canSubscribe ? this.stream(observer) : this.poll(observer),
    ).pipe(share());
  }

  /** What this input measures, e.g. `Battery`. */
  get type(): InputType {
    return this.description.type;
  }
  /** Index of the feature this input belongs to. */
  get featureIndex(): number {
    return this.feature.index;
  }
  /** Value range per axis, e.g. `[[0, 100]]` for a battery. */
  get ranges(): Range[] {
    return this.description.ranges.map((r) => [r[0], r[1]]);
  }
  /** True if the server can push readings (Subscribe); otherwise `values$` polls. */
  get canSubscribe(): boolean {
    return this.description.commands.includes('Subscribe');
  }

  /** Reads the input once. */
  async read(): Promise<number> {
    if (!this.description.commands.includes('Read'))
      throw invalid(
        'ReadNotSupported',
        `${this.type} on feature ${this.featureIndex} cannot be read on demand; use values$.`,
      );
    const value = await this.port.command(this.feature, this.description, 'Read');
    if (value === undefined)
      throw new PlugkitError(
        'ERROR_MSG',
        'NoReading',
        `The server answered a ${this.type} read without a reading.`,
      );
    return value;
  }

  /** @internal Re-subscribes after a reconnect if someone is listening. */
  resume(): void {
    if (this.active && this.canSubscribe)
      this.port.command(this.feature, this.description, 'Subscribe').catch(() => {});
  }

  /** @internal Points this input at a fresh description after a reconnect. */
  refresh(feature: FeatureDescription, description: InputDescription): void {
    this.feature = feature;
    this.description = description;
  }

  private stream(observer: { next(v: number): void; error(e: unknown): void }): () => void {
    const sub: Subscription = this.port
      .pushed(this.featureIndex, this.type)
      .subscribe({ next: (v) => observer.next(v), error: (err: unknown) => observer.error(err) });
    this.active = true;
    this.port.command(this.feature, this.description, 'Subscribe').catch((err: unknown) => {
      // Offline: the subscription is sent again when the client reconnects (see resume).
      if (!(err instanceof PlugkitError && err.code === 'NOT_CONNECTED')) observer.error(err);
    });
    return () => {
      sub.unsubscribe();
      this.active = false;
      // Best effort: when the connection is gone the server has dropped the subscription anyway.
      this.port.command(this.feature, this.description, 'Unsubscribe').catch(() => {});
    };
  }

  private poll(observer: { next(v: number): void; error(e: unknown): void }): () => void {
    let stopped = false;
    let timer: Timer | undefined;
    const tick = () => {
      this.read().then(
        (v) => !stopped && observer.next(v),
        (err: unknown) => {
          // A dropped connection or a slow toy should not end the stream; anything else does.
          const transient =
            err instanceof PlugkitError && (err.code === 'NOT_CONNECTED' || err.code === 'TIMEOUT');
          if (!transient && !stopped) {
            stopped = true;
            observer.error(err);
          }
        },
      );
      if (!stopped) timer = this.port.clock().schedule(DEFAULT_POLL_INTERVAL_MS, tick);
    };
    tick();
    return () => {
      stopped = true;
      timer?.cancel();
    };
  }
}
