import { Subject, take, type Observable, type Subscription } from 'rxjs';
import { realClock, type Clock, type Timer } from '../../sdk/clock/index.js';
import { logs, type Logger } from '../log.js';
import type { BackendSink, DeviceCandidate, Hardware, HardwareBackend } from '../hardware/types.js';
import type { Protocol, ProtocolHandler } from '../protocols/types.js';
import type { DeviceDatabase } from './config/database.js';
import { silentSink, type DeviceEvent, type EventSink } from './device-events.js';
import { ServerDevice, type DeviceReading } from './device.js';
import { tapWrites } from './write-tap.js';

/** How long identification and init of a new device may take before it is given up. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

export interface DeviceManagerOptions {
  database: DeviceDatabase;
  protocols: ReadonlyMap<string, Protocol>;
  log: Logger;
  handshakeTimeoutMs?: number;
  /** Time for handshake timeouts, pacing and keepalives (default: the real clock). */
  clock?: Clock;
  /** Where device events go (added/removed, outputs, writes, readings, failures). */
  events?: EventSink<DeviceEvent>;
}

type ScanState = 'idle' | 'starting' | 'active' | 'stopping';

/**
 * Owns every connected device, independent of client sessions: finds candidates through the
 * backends, identifies them with their protocol, keeps indexes stable, and removes devices that
 * go away. Emits `changed$` after every add/remove.
 */
export class DeviceManager {
  readonly devices = new Map<number, ServerDevice>();
  private readonly changed = new Subject<void>();
  private readonly readings = new Subject<DeviceReading>();
  private readonly finished = new Subject<void>();
  /** Fires after a device is added or removed. */
  readonly changed$: Observable<void> = this.changed.asObservable();
  /** Readings from subscribed inputs of any device. */
  readonly reading$: Observable<DeviceReading> = this.readings.asObservable();
  /** Fires when every scanning backend has finished on its own. */
  readonly scanningFinished$: Observable<void> = this.finished.asObservable();
  readonly backends: HardwareBackend[] = [];
  /** The clock every device and timeout of this manager runs on. */
  readonly clock: Clock;
  private readonly events: EventSink<DeviceEvent>;
  private readonly connecting = new Set<string>();
  private readonly scanning = new Set<HardwareBackend>();
  private scanState: ScanState = 'idle';
  private closed = false;

  constructor(private readonly opts: DeviceManagerOptions) {
    this.clock = opts.clock ?? realClock;
    this.events = opts.events ?? silentSink;
  }

  get database(): DeviceDatabase {
    return this.opts.database;
  }

  /** Starts a backend and attaches it. Throws (with the backend's reason) if it cannot run. */
  async addBackend(backend: HardwareBackend): Promise<void> {
    const sink: BackendSink = {
      deviceFound: (c) => void this.handleCandidate(c),
      scanFinished: () => this.backendFinished(backend),
      scanFailed: (err) => {
        this.opts.log('warn', `${backend.name}: scanning failed: ${err.message}`);
        this.backendFinished(backend);
      },
      specifiers: (bus) => this.opts.database.specifiers(bus),
      log: (level, message) => this.opts.log(level, `${backend.name}: ${message}`),
      logs: (level) => logs(this.opts.log, level),
    };
    await backend.start(sink);
    this.backends.push(backend);
  }

  /** Starts scanning on every backend; a backend that fails is reported and skipped. */
  async startScanning(): Promise<void> {
    if (this.scanState !== 'idle' || this.closed) return;
    // 'starting' holds back ScanningFinished until every backend has started, so a backend
    // that finishes at once cannot make the event overtake the StartScanning reply.
    this.scanState = 'starting';
    for (const b of this.backends) this.scanning.add(b);
    await Promise.all(
      this.backends.map((b) =>
        b.startScanning().catch((err: unknown) => {
          this.opts.log('warn', `${b.name}: scanning failed: ${(err as Error).message}`);
          this.backendFinished(b);
        }),
      ),
    );
    if ((this.scanState as ScanState) !== 'starting') return; // stopped meanwhile
    this.scanState = 'active';
    // Everything already finished: report it on a later turn, after the caller's reply.
    if (this.scanning.size === 0) this.clock.schedule(0, () => this.backendFinished(undefined));
  }

  async stopScanning(): Promise<void> {
    if (this.scanState === 'idle') return;
    this.scanState = 'stopping';
    const active = [...this.scanning];
    this.scanning.clear();
    await Promise.all(active.map((b) => b.stopScanning().catch(() => {})));
    this.scanState = 'idle';
  }

  get isScanning(): boolean {
    return this.scanState === 'active' || this.scanState === 'starting';
  }

  private backendFinished(backend: HardwareBackend | undefined): void {
    if (backend) this.scanning.delete(backend);
    if (this.scanState === 'active' && this.scanning.size === 0) {
      this.scanState = 'idle';
      this.finished.next();
    }
  }

  /** Identifies and connects a candidate; failures are logged and leave nothing behind. */
  async handleCandidate(candidate: DeviceCandidate): Promise<ServerDevice | undefined> {
    const log = this.opts.log;
    const label = `${candidate.bus} device "${candidate.name}" (${candidate.address})`;
    if (this.closed) return undefined;
    if (this.opts.database.isRefused(candidate.address)) {
      log('info', `${label}: refused by the user config`);
      return undefined;
    }
    const addressKey = `${candidate.bus}:${candidate.address}`;
    if (
      this.connecting.has(addressKey) ||
      [...this.devices.values()].some((d) => d.hardware.address === candidate.address)
    )
      return undefined;
    const matches = this.opts.database.match(candidate).filter((m) => this.opts.protocols.has(m.protocol));
    if (matches.length === 0) {
      const known = this.opts.database.match(candidate);
      if (known.length)
        log(
          'warn',
          `${label}: looks like protocol ${known[0]!.protocol}, which plugkit does not implement yet`,
        );
      else log('debug', `${label}: matches no known toy`);
      return undefined;
    }
    this.connecting.add(addressKey);
    const { protocol: protocolName, specifier } = matches[0]!;
    const protocol = this.opts.protocols.get(protocolName)!;
    let hardware: Hardware | undefined;
    try {
      hardware = await candidate.connect(specifier);
      const device = await this.withTimeout(this.bringUp(protocol, hardware, candidate), hardware, label);
      if (this.closed) {
        device.dispose();
        await hardware.disconnect().catch(() => {});
        return undefined;
      }
      this.register(device);
      log('info', `${label}: connected as "${device.name}" at index ${device.index} (${protocolName})`);
      return device;
    } catch (err) {
      log('warn', `${label}: not added: ${(err as Error).message}`);
      this.events.emit({
        kind: 'error',
        scope: 'connect',
        message: `${label} was not added: ${(err as Error).message}`,
        error: err,
      });
      await hardware?.disconnect().catch(() => {});
      return undefined;
    } finally {
      this.connecting.delete(addressKey);
    }
  }

  private async withTimeout<T>(work: Promise<T>, hardware: Hardware, label: string): Promise<T> {
    const ms = this.opts.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    let timer: Timer | undefined;
    let gone: Subscription | undefined;
    const lost = new Promise<'timeout' | 'disconnected'>((resolve) => {
      timer = this.clock.schedule(ms, () => resolve('timeout'));
      gone = hardware.disconnected$.pipe(take(1)).subscribe(() => resolve('disconnected'));
    });
    try {
      const outcome = await Promise.race([work.then((v) => ({ v })), lost]);
      if (typeof outcome === 'object') return outcome.v;
      // The late result (if any) must not leak a half-built device.
      work.then((d) => (d instanceof ServerDevice ? d.dispose() : undefined)).catch(() => {});
      throw new Error(
        outcome === 'timeout'
          ? `handshake did not finish within ${ms} ms (${label} never answered)`
          : 'device disconnected during the handshake',
      );
    } finally {
      timer?.cancel();
      gone?.unsubscribe();
    }
  }

  private async bringUp(
    matched: Protocol,
    hardware: Hardware,
    candidate: DeviceCandidate,
  ): Promise<ServerDevice> {
    const log = (level: Parameters<Logger>[0], m: string) =>
      this.opts.log(level, `${matched.name} ${hardware.address}: ${m}`);
    const advertisement = {
      ...(candidate.manufacturerData ? { manufacturerData: candidate.manufacturerData } : {}),
      ...(candidate.advertisedServices ? { advertisedServices: candidate.advertisedServices } : {}),
    };
    const found = matched.identify
      ? await matched.identify(hardware, log, advertisement)
      : { identifier: hardware.name };
    const identifier = found.identifier;
    // Identification may hand the toy over to a sibling protocol (reference behaviour for Hismith).
    const protocol = found.protocol ? this.opts.protocols.get(found.protocol) : matched;
    if (!protocol)
      throw new Error(`identified as protocol ${found.protocol}, which plugkit does not implement`);
    const resolved = this.opts.database.resolve(protocol.name, identifier, hardware.address);
    if (!resolved) throw new Error(`protocol ${protocol.name} has no definition for model "${identifier}"`);
    const index = this.opts.database.indexFor(protocol.name, identifier, hardware.address);
    // Assigned once, below: the protocol's callbacks close over it before the device exists.
    // eslint-disable-next-line prefer-const
    let device: ServerDevice | undefined;
    // From here on every write to the toy is visible on events$, whoever sends it.
    const tapped = tapWrites(hardware, index, this.events);
    const handler: ProtocolHandler = await protocol.create({
      hardware: tapped,
      device: resolved,
      advertisement,
      log,
      emitReading: (featureIndex, type, value) => device?.emitReading(featureIndex, type, value),
      clock: this.clock,
    });
    const failed = (err: unknown) => this.deliveryFailed(device!, err);
    device = new ServerDevice(index, resolved, tapped, handler, {
      onDeliveryFailure: failed,
      events: this.events,
      clock: this.clock,
    });
    // A keepalive that repeats the last packet needs a first packet: stop the toy now.
    if (handler.keepalive && !handler.keepalive.packet)
      await device.stop({ inputs: false }).catch((err: unknown) => {
        device!.dispose();
        throw new Error(`could not send the first keepalive packet: ${(err as Error).message}`);
      });
    return device;
  }

  private register(device: ServerDevice): void {
    const old = this.devices.get(device.index);
    if (old) this.remove(old, 'replaced by a device with the same index');
    this.devices.set(device.index, device);
    device.reading$.subscribe((r) => {
      this.readings.next(r);
      if (this.events.observed)
        this.events.emit({
          kind: 'reading',
          deviceIndex: r.deviceIndex,
          featureIndex: r.featureIndex,
          inputType: r.type,
          value: r.value,
        });
    });
    device.hardware.disconnected$.pipe(take(1)).subscribe(() => this.remove(device, 'disconnected'));
    this.events.emit({
      kind: 'device-added',
      deviceIndex: device.index,
      name: device.name,
      ...(device.displayName !== undefined ? { displayName: device.displayName } : {}),
      address: device.hardware.address,
      protocol: device.resolved.protocol,
    });
    this.changed.next();
  }

  private remove(device: ServerDevice, why: string): void {
    if (this.devices.get(device.index) !== device) return;
    this.devices.delete(device.index);
    device.dispose();
    this.opts.log('info', `device ${device.index} (${device.name}) removed: ${why}`);
    this.events.emit({ kind: 'device-removed', deviceIndex: device.index, name: device.name, reason: why });
    this.changed.next();
  }

  /**
   * A command the client already got Ok for did not reach the toy: say so, and drop the device
   * if its link is gone (it would fail every command from now on).
   */
  private deliveryFailed(device: ServerDevice, err: unknown): void {
    const message = `${device.name} (device ${device.index}): a command did not reach the toy: ${(err as Error).message}`;
    this.opts.log('warn', message);
    this.events.emit({ kind: 'error', scope: 'delivery', message, deviceIndex: device.index, error: err });
    if (device.hardware.closed === true) {
      this.remove(device, 'link lost after a failed write');
      device.hardware.disconnect().catch(() => {});
    }
  }

  /** Stops every output and subscription of every device; never throws. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.devices.values()].map(async (d) => {
        await d
          .stop()
          .catch((err: unknown) => this.opts.log('warn', `stopping ${d.name}: ${(err as Error).message}`));
        await d.flush();
      }),
    );
  }

  /** Stops every device, closes backends and disconnects hardware. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    await this.stopScanning();
    await this.stopAll();
    this.closed = true;
    for (const d of [...this.devices.values()]) {
      this.devices.delete(d.index);
      d.dispose();
      this.events.emit({
        kind: 'device-removed',
        deviceIndex: d.index,
        name: d.name,
        reason: 'server shut down',
      });
      await d.hardware.disconnect().catch(() => {});
    }
    await Promise.all(this.backends.map((b) => b.close().catch(() => {})));
    this.changed.complete();
    this.readings.complete();
    this.finished.complete();
  }
}
