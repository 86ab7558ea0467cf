import { BehaviorSubject, Subject, concat, defer, from, type Observable, type Subscription } from 'rxjs';
import type { Clock, Timer } from '../clock/index.js';
import { PlugkitError, type AnyMessage } from '../protocol/index.js';
import type { Codec, Outgoing } from './codec.js';
import { Device } from './device.js';
import type { ClientLink } from './link.js';
import type { DeviceDescription, Reading } from './model.js';
import { HapticsEngine } from '../haptics/engine.js';
import { backoffDelay, type ReconnectOptions } from './reconnect.js';
import { openSession, type Session } from './session.js';

/** Where a client's connection is. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** @internal Settings a client runs with (checked by `connect`). */
export interface ClientSettings {
  name: string;
  requestTimeoutMs: number;
  reconnect: Required<ReconnectOptions> | false;
  clock: Clock;
}

const keyOf = (d: { index: number; name: string }) => `${d.index}\u0000${d.name}`;

/**
 * A connected Buttplug client. Streams end in `$`: `devices$` replays the current list to each
 * new subscriber, `deviceAdded$` first announces each device already present; `state$` and
 * `scanning$` replay their current value, then emit changes only. Create one with {@link connect}.
 */
export class PlugkitClient {
  private session: Session | undefined;
  private sessionSubs: Subscription[] = [];
  private pingTimer: Timer | undefined;
  private descriptions: DeviceDescription[] = [];
  private readonly known = new Map<string, Device>();
  private readonly stateSubject = new BehaviorSubject<ConnectionState>('connecting');
  private readonly devicesSubject = new BehaviorSubject<readonly Device[]>([]);
  private readonly scanningSubject = new BehaviorSubject<boolean>(false);
  private readonly addedSubject = new Subject<Device>();
  private readonly removedSubject = new Subject<Device>();
  /** Devices announced on `deviceAdded$` and not removed since, in announcement order. */
  private readonly announced = new Set<Device>();
  private readonly readings = new Subject<Reading>();
  private closedByUser = false;
  private wake: (() => void) | undefined;
  private info = { serverName: '', specVersion: 0 };

  /** The current devices; replays the latest list to each new subscriber. */
  readonly devices$: Observable<readonly Device[]> = this.devicesSubject.asObservable();
  /**
   * Devices as they appear: first each device present when you subscribe (so subscribing after
   * `await connect()` still sees the toys the server already had), then every later arrival,
   * also after a reconnect. Like `devices$`, it never completes.
   */
  readonly deviceAdded$: Observable<Device> = defer(() =>
    concat(from([...this.announced]), this.addedSubject),
  );
  /** A device that went away (also when the connection drops). */
  readonly deviceRemoved$: Observable<Device> = this.removedSubject.asObservable();
  /** Connection state; replays the current one, then emits each change. */
  readonly state$: Observable<ConnectionState> = this.stateSubject.asObservable();
  /** Whether the server is scanning for devices; replays the current value, then emits each change. */
  readonly scanning$: Observable<boolean> = this.scanningSubject.asObservable();
  /**
   * The clock this client times with (requests, pings, reconnect backoff, input polling), as
   * given to {@link connect}; other parts (the haptics engine) pace themselves on it too.
   */
  readonly clock: Clock;

  private readonly link: ClientLink = {
    codec: () => this.live().codec,
    request: (message: Outgoing) => {
      try {
        return this.live().channel.request(message);
      } catch (err) {
        return Promise.reject(err);
      }
    },
    reading$: this.readings.asObservable(),
    describe: (index) => this.descriptions.find((d) => d.index === index),
    clock: () => this.clock,
  };

  /** @internal Use {@link connect}. */
  constructor(
    private readonly settings: ClientSettings,
    session: Session,
  ) {
    this.clock = settings.clock;
    this.adopt(session);
  }

  private hapticsEngine: HapticsEngine | undefined;
  /**
   * Plays haptic patterns on this client's toys: `client.haptics.play(pattern, { target })`,
   * `client.haptics.stopAll()` (see docs/haptics.md). Created on first use, on the client's clock.
   */
  get haptics(): HapticsEngine {
    return (this.hapticsEngine ??= new HapticsEngine(this));
  }

  /** The server's name from the handshake. */
  get serverName(): string {
    return this.info.serverName;
  }
  /** The Buttplug spec version in use (4, or 3 with older servers). */
  get specVersion(): number {
    return this.info.specVersion;
  }
  /** The current connection state. */
  get state(): ConnectionState {
    return this.stateSubject.value;
  }
  /** The current devices. */
  get devices(): readonly Device[] {
    return this.devicesSubject.value;
  }
  /** What the client is connected through, e.g. "embedded" or a ws:// URL. */
  get transportDescription(): string | undefined {
    return this.session?.transport.description;
  }

  /** Asks the server to look for devices; new ones arrive on `deviceAdded$` / `devices$`. */
  async startScanning(): Promise<void> {
    await this.link.request({ type: 'StartScanning' });
    this.setScanning(true);
  }

  /** Stops looking for devices. */
  async stopScanning(): Promise<void> {
    await this.link.request({ type: 'StopScanning' });
    this.setScanning(false);
  }

  /** Stops every output of every device. */
  async stopAll(): Promise<void> {
    await this.link.request(this.link.codec().stopAll());
  }

  /**
   * Closes the connection (the server stops all toys when its client leaves) and stops any
   * reconnecting. Resolves once the transport has shut down (an embedded server is closed).
   */
  async disconnect(): Promise<void> {
    this.closedByUser = true;
    this.wake?.();
    const session = this.session;
    if (session) {
      const closing = session.channel.connection.close();
      session.channel.close();
      await closing;
    }
    this.dropped();
    this.setState('disconnected');
  }

  private live(): Session {
    if (this.session) return this.session;
    const why =
      this.state === 'reconnecting'
        ? 'the connection dropped and the client is reconnecting'
        : 'the client is disconnected';
    throw new PlugkitError(
      'NOT_CONNECTED',
      'NotConnected',
      `Not connected to a server (${why}); nothing was sent.`,
    );
  }

  private setState(s: ConnectionState): void {
    if (this.stateSubject.value !== s) this.stateSubject.next(s);
  }

  private setScanning(on: boolean): void {
    if (this.scanningSubject.value !== on) this.scanningSubject.next(on);
  }

  private adopt(session: Session): void {
    this.session = session;
    this.info = { serverName: session.serverName, specVersion: session.codec.version };
    const closed = () => this.onClosed(session);
    this.sessionSubs = [
      session.channel.event$.subscribe({
        next: (m) => this.handleEvent(session.codec, m),
        error: closed,
        complete: closed,
      }),
    ];
    if (session.maxPingTime > 0)
      this.pingTimer = this.clock.repeat(
        Math.max(50, Math.floor(session.maxPingTime / 2)),
        () => void session.channel.request({ type: 'Ping' }).catch(() => {}),
        // A keepalive alone should not keep a process running; the connection does that.
        { background: true },
      );
    this.setDevices(session.devices);
    this.setState('connected');
  }

  private handleEvent(codec: Codec, m: AnyMessage): void {
    try {
      if (m.type === 'ScanningFinished') return this.setScanning(false);
      const list = codec.deviceEvent(m, this.descriptions);
      if (list) return this.setDevices(list);
      const reading = codec.reading(m, (i) => this.descriptions.find((d) => d.index === i));
      if (reading) this.readings.next(reading);
    } catch {
      // A malformed event cannot be acted on; requests are still bounded by their timeouts.
    }
  }

  /** Applies a new device list: reuses Device objects of the same toy, emits added/removed. */
  private setDevices(list: DeviceDescription[]): void {
    const before = new Set(this.devicesSubject.value);
    const next: Device[] = [];
    const added: Device[] = [];
    this.descriptions = list;
    for (const d of list) {
      let device = this.known.get(keyOf(d));
      if (!device) {
        device = new Device(this.link, d);
        this.known.set(keyOf(d), device);
        added.push(device);
      } else {
        device.attach(d);
        if (!before.has(device)) added.push(device);
      }
      next.push(device);
    }
    const removed = [...before].filter((d) => !next.includes(d));
    for (const d of removed) d.detach();
    this.devicesSubject.next(next);
    // `announced` changes right before each emission, so a subscriber joining in between (e.g.
    // from a devices$ callback) gets each device exactly once: from the replay or live.
    for (const d of removed) {
      this.announced.delete(d);
      this.removedSubject.next(d);
    }
    for (const d of added) {
      this.announced.add(d);
      this.addedSubject.next(d);
    }
  }

  /** Forgets the session: devices become unavailable, commands fail fast. */
  private dropped(): void {
    this.pingTimer?.cancel();
    this.pingTimer = undefined;
    for (const s of this.sessionSubs) s.unsubscribe();
    this.sessionSubs = [];
    this.session = undefined;
    this.setScanning(false);
    if (this.devicesSubject.value.length) this.setDevices([]);
  }

  private onClosed(session: Session): void {
    if (this.session !== session) return;
    this.dropped();
    if (this.closedByUser || !this.settings.reconnect || !session.transport.reconnectable)
      return this.setState('disconnected');
    // Nothing in reconnect should throw; if it does, end in a known state instead of an unhandled rejection.
    this.reconnect(session, this.settings.reconnect).catch(() => this.setState('disconnected'));
  }

  private async reconnect(last: Session, policy: Required<ReconnectOptions>): Promise<void> {
    this.setState('reconnecting');
    for (let attempt = 0; attempt < policy.attempts && !this.closedByUser; attempt++) {
      await new Promise<void>((resolve) => {
        const t = this.clock.schedule(backoffDelay(policy, attempt), resolve);
        this.wake = () => {
          t.cancel();
          resolve();
        };
      });
      this.wake = undefined;
      if (this.closedByUser) break;
      try {
        const session = await openSession(
          last.transport,
          this.settings.name,
          this.settings.requestTimeoutMs,
          this.clock,
        );
        if (this.closedByUser) {
          session.channel.close();
          break;
        }
        this.adopt(session);
        return;
      } catch {
        // try again after the next backoff
      }
    }
    this.setState('disconnected');
  }
}
