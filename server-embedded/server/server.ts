import type { Observable } from 'rxjs';
import { realClock, type Clock } from '../../sdk/clock/index.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../sdk/protocol/index.js';
import { EventTap } from '../devices/device-events.js';
import { loadDeviceDatabase, type DatabaseSources } from '../devices/config/load.js';
import { DeviceManager } from '../devices/manager.js';
import { simulatedToySpec } from '../devices/simulated-toys.js';
import { SimulatedBackend, type SimulatedDeviceSpec } from '../hardware/simulated/backend.js';
import type { HardwareBackend } from '../hardware/types.js';
import { consoleLogger, type Level, type Logger } from '../log.js';
import { protocols as builtinProtocols, type Protocol } from '../protocols/index.js';
import { ServerCore } from './core.js';
import type { ServerEvent } from './events.js';
import { ServerSession, type ServerConnection } from './session.js';
import type { SpecAdapterFactory } from './spec-adapter.js';
import { v4Adapter } from './v4-adapter.js';

/** Default time a connected client has to send RequestServerInfo (10 s). */
export const DEFAULT_CLIENT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Options of the embedded Buttplug server. */
export interface ServerOptions extends DatabaseSources {
  /** ServerName reported to clients (default "plugkit"). */
  name?: string;
  /** MaxPingTime in ms; 0 (default) turns the ping watchdog off. */
  maxPingTime?: number;
  /** Highest spec version offered (default 4). */
  maxSpecVersion?: number;
  /** Largest accepted frame in bytes (default 1 MiB). */
  maxFrameBytes?: number;
  /**
   * Simulated toys by advertised name (or full spec). A name must be one the device database knows
   * for an implemented protocol (`create` rejects a typo with a `PlugkitError` naming the nearest
   * names) and may carry settings: `'LVS-Z36@battery=40'` (see the server guide).
   */
  simulate?: (string | SimulatedDeviceSpec)[];
  /** Extra hardware backends to run. */
  backends?: HardwareBackend[];
  /**
   * Allow Raw* messages (spec v2/v3) for every device. Without it, only devices whose user config
   * entry has `allow_raw: true` accept them.
   */
  allowRawMessages?: boolean;
  /** Extra spec adapters by version (older specs). */
  adapters?: ReadonlyMap<number, SpecAdapterFactory>;
  /** Protocol implementations (default: all built in). */
  protocols?: ReadonlyMap<string, Protocol>;
  /** A logger, or a level for stderr logging (default "warn"). */
  log?: Logger | Level | 'off';
  /** How long a new device's identification may take (default 10 s). */
  handshakeTimeoutMs?: number;
  /**
   * How long a connected client may take to send RequestServerInfo, in ms (default 10 s; 0 waits
   * forever). Until it does, it holds the only client slot, so a silent socket is closed (code 4001).
   */
  clientHandshakeTimeoutMs?: number;
  /**
   * Where time comes from: the ping watchdog, handshake timeouts, write pacing, keepalives, the
   * simulated toys and every event's `at` (default: the real clock; tests pass a VirtualClock).
   */
  clock?: Clock;
  /**
   * How many recent commands each simulated toy keeps in `commands` (default 1000); a simulated
   * spec's own `maxRecordedCommands` wins.
   */
  maxRecordedCommands?: number;
}

/**
 * The embedded Buttplug server: a device manager (lives as long as the server) and at most one
 * client session at a time, as Intiface does. Transports hand it connections via `accept`.
 */
export class PlugkitServer {
  readonly name: string;
  readonly maxPingTime: number;
  /** Largest accepted frame in bytes; transports refuse bigger frames before reading them. */
  readonly maxFrameBytes: number;
  readonly core: ServerCore;
  readonly simulated: SimulatedBackend;
  /** The clock this server runs on. */
  readonly clock: Clock;
  /**
   * Everything that happens in the server, as typed events (see {@link ServerEvent}): clients
   * coming and going, every message in and out, devices added and removed, outputs, the bytes
   * written to each toy, readings and failures. Hot: subscribe before the events you want.
   */
  readonly events$: Observable<ServerEvent>;
  private session: ServerSession | undefined;
  private readonly adapters: Map<number, SpecAdapterFactory>;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly manager: DeviceManager,
    private readonly opts: ServerOptions,
    readonly log: Logger,
    simulated: SimulatedBackend,
    private readonly tap: EventTap<ServerEvent>,
  ) {
    this.clock = manager.clock;
    this.events$ = tap.events$;
    this.name = opts.name ?? 'plugkit';
    this.maxPingTime = opts.maxPingTime ?? 0;
    this.maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.core = new ServerCore(manager, { allowRawMessages: opts.allowRawMessages ?? false });
    this.simulated = simulated;
    const maxVersion = opts.maxSpecVersion ?? 4;
    this.adapters = new Map<number, SpecAdapterFactory>([[4, v4Adapter], ...(opts.adapters ?? [])]);
    for (const v of [...this.adapters.keys()]) if (v > maxVersion) this.adapters.delete(v);
    if (this.adapters.size === 0) throw new Error(`no spec version at or below ${maxVersion} is available`);
  }

  /** Builds a server: loads the device database and starts the backends. */
  static async create(opts: ServerOptions = {}): Promise<PlugkitServer> {
    const clock = opts.clock ?? realClock;
    const log = typeof opts.log === 'function' ? opts.log : consoleLogger(opts.log ?? 'warn', clock);
    const db = await loadDeviceDatabase(opts, (m) => log('warn', m));
    const protocols = opts.protocols ?? builtinProtocols;
    const resolve = (entry: string | SimulatedDeviceSpec) => simulatedToySpec(db, entry, protocols);
    // Before anything starts: a misspelt toy name fails here, as `--simulate` does.
    const specs = (opts.simulate ?? []).map(resolve);
    const tap = new EventTap<ServerEvent>(clock);
    const manager = new DeviceManager({
      database: db,
      protocols,
      log,
      clock,
      events: tap,
      ...(opts.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: opts.handshakeTimeoutMs } : {}),
    });
    const simulated = new SimulatedBackend(specs, {
      clock,
      resolve,
      ...(opts.maxRecordedCommands !== undefined ? { maxRecordedCommands: opts.maxRecordedCommands } : {}),
    });
    await manager.addBackend(simulated);
    for (const b of opts.backends ?? []) await manager.addBackend(b);
    return new PlugkitServer(manager, opts, log, simulated, tap);
  }

  /** Spec versions this server offers, ascending. */
  get specVersions(): number[] {
    return [...this.adapters.keys()].sort((a, b) => a - b);
  }

  /** The session of the connected client, if any. */
  get activeSession(): ServerSession | undefined {
    return this.session?.isOpen ? this.session : undefined;
  }

  /**
   * Takes a new client connection. Returns its session, or undefined if another client is
   * connected (the caller then refuses the connection; the first client is not disturbed).
   */
  accept(conn: ServerConnection, clientLabel = 'client'): ServerSession | undefined {
    if (this.closing || this.activeSession) return undefined;
    const previous = this.session;
    this.session = new ServerSession(conn, {
      ...(previous ? { after: previous.ended } : {}),
      serverName: this.name,
      maxPingTime: this.maxPingTime,
      maxFrameBytes: this.maxFrameBytes,
      handshakeTimeoutMs: this.opts.clientHandshakeTimeoutMs ?? DEFAULT_CLIENT_HANDSHAKE_TIMEOUT_MS,
      adapters: this.adapters,
      core: this.core,
      log: this.log,
      clientLabel,
      clock: this.clock,
      events: this.tap,
    });
    return this.session;
  }

  /** Stops every device, ends the session and closes all backends. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.session?.closed();
      await this.manager.shutdown();
      this.tap.complete();
    })();
    return this.closing;
  }
}
