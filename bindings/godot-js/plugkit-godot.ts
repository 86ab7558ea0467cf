import { Subject, type Subscription } from 'rxjs';
import { PlugkitError, connect, parseFunscript, realClock, syncScript } from './sdk.js';
import type { Clock, Device, MediaReport, PlugkitClient } from './sdk.js';
import { godot } from './godot-api.js';
import { DEFAULT_HELPER_ARGS, HelperProcess } from './helper-process.js';
import { readMedia } from './media-source.js';
import { playKeyframePattern, type Stoppable } from './pattern-fallback.js';
import { webSocketPeerTransport, type PeerLike, type PolledTransport } from './websocket-peer-transport.js';

/** Settings of a {@link PlugkitGodot}; the script template maps its exported properties here. */
export interface PlugkitGodotOptions {
  /** Name the server shows for this game. */
  clientName: string;
  /** A Buttplug server tried first (Intiface Central's default: ws://127.0.0.1:12345). */
  serverUrl: string;
  /** Start the helper server when nothing answers at `serverUrl`. */
  autoStartHelper: boolean;
  /** The helper executable; empty: `plugkit-server` beside the game. */
  helperPath: string;
  /** The helper's arguments (default: `--stdin-lifeline --websocket-port 0`). */
  helperArgs: readonly string[];
  /** The helper exits by itself when its stdin closes (it was given `--stdin-lifeline`). */
  helperLifeline: boolean;
  /** Highest level any call sends, 0..1 (a comfort limit). */
  intensityCap: number;
  /** How long connecting to `serverUrl` may take, ms. */
  connectTimeoutMs: number;
  /** How long the helper may take to print its `listening on` line, ms. */
  helperStartTimeoutMs: number;
  /** Time source (tests pass a virtual clock); default the real clock. */
  clock: Clock;
  /** Makes a WebSocketPeer; default Godot's. */
  createPeer: () => PeerLike;
}

/** Where a {@link PlugkitGodot} reports what happens: the template turns each into a signal. */
export interface PlugkitGodotEvents {
  connected(serverName: string): void;
  disconnected(reason: string): void;
  deviceAdded(index: number, name: string): void;
  deviceRemoved(index: number, name: string): void;
  scanningFinished(): void;
  error(message: string): void;
}

/** Options of `play_pattern`: which device, how strong, how often. */
export interface PatternOptions {
  /** Device index; absent or −1: every device. */
  device?: number;
  /** Multiplies the pattern's levels (default 1). */
  gain?: number;
  /** Overrides the pattern's loop count. */
  loop?: number;
  priority?: number;
  channel?: string;
}

/** The pattern engine of sdk/haptics, when this build has it (see DESIGN "Haptics"). */
interface PatternEngine {
  play(
    pattern: unknown,
    options: { target: unknown; gain?: number; loop?: number; priority?: number; channel?: string },
  ): Stoppable;
  stopAll(): void;
  setCap?(level: number): void;
}

export const DEFAULTS: Omit<PlugkitGodotOptions, 'clock' | 'createPeer'> = {
  clientName: 'Godot game',
  serverUrl: 'ws://127.0.0.1:12345',
  autoStartHelper: true,
  helperPath: '',
  helperArgs: DEFAULT_HELPER_ARGS,
  helperLifeline: true,
  intensityCap: 1,
  connectTimeoutMs: 2000,
  helperStartTimeoutMs: 10_000,
};

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The engine-facing half of the GodotJS binding: connects (a running server first, else the
 * helper it starts), turns client streams into callbacks, and is driven by {@link process} once
 * per frame. Plain TypeScript, no decorators: the script template owns the Godot-facing parts.
 */
export class PlugkitGodot {
  private readonly options: PlugkitGodotOptions;
  private readonly transports: PolledTransport[] = [];
  private helper: HelperProcess | undefined;
  private helperReady: ((url: string) => void) | undefined;
  private clientValue: PlugkitClient | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;
  private subs: Subscription[] = [];
  private readonly playing = new Map<number, Stoppable>();
  private readonly syncs = new Map<
    number,
    { source: unknown; reports: Subject<MediaReport>; last?: MediaReport }
  >();
  private nextId = 1;

  constructor(
    options: Partial<PlugkitGodotOptions>,
    private readonly events: PlugkitGodotEvents,
  ) {
    this.options = {
      ...DEFAULTS,
      clock: realClock,
      createPeer: () => new godot.WebSocketPeer(),
      ...options,
    };
    const cap = this.options.intensityCap;
    if (typeof cap !== 'number' || !(cap >= 0 && cap <= 1))
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadOption',
        `intensity_cap must be from 0 to 1; got ${String(cap)}.`,
      );
  }

  /** The connected client, once {@link start} has succeeded. */
  get client(): PlugkitClient | undefined {
    return this.clientValue;
  }

  /** The helper's process id, while this binding runs one. */
  get helperPid(): number | undefined {
    return this.helper?.pid;
  }

  /**
   * Connects: to `serverUrl` if a server answers there, else to a helper it starts. Failures are
   * reported through `error` (and reject). Calling it again while connected does nothing.
   */
  start(): Promise<void> {
    this.starting ??= this.open().catch((err: unknown) => {
      this.starting = undefined;
      this.events.error(message(err));
      throw err;
    });
    return this.starting;
  }

  /** Drives sockets, the helper's output and media clocks: call once per frame (`_process`). */
  process(): void {
    if (this.closed) return;
    for (const t of this.transports) t.poll();
    if (this.helper && this.helperReady) {
      const url = this.helper.poll();
      if (url) this.helperReady(url);
    } else this.helper?.poll();
    for (const s of this.syncs.values()) {
      const report = readMedia(s.source, s.last);
      if (report) s.reports.next((s.last = report));
    }
  }

  startScanning(): Promise<void> {
    return this.guard(() => this.live().startScanning());
  }

  stopScanning(): Promise<void> {
    return this.guard(() => this.live().stopScanning());
  }

  /** Vibrates device `index` (−1: every device) at `level` 0..1, capped at the intensity cap. */
  vibrate(index: number, level: number): Promise<void> {
    return this.guard(async () => {
      const capped = typeof level === 'number' ? Math.min(level, this.options.intensityCap) : level;
      await Promise.all(this.devicesFor(index).map((d) => d.vibrate(capped)));
    });
  }

  /**
   * Plays a pattern (JSON text, a `res://` path, a JSON resource or a plain object) and returns
   * its id for {@link stopPlayback}; 0 when it could not start (reported through `error`).
   */
  playPattern(source: unknown, options: unknown = {}): number {
    try {
      const pattern = toJson(source, 'pattern');
      const opts = plain(options) as PatternOptions;
      const devices = this.devicesFor(opts.device ?? -1);
      const gain = opts.gain ?? 1;
      const engine = (this.live() as unknown as { haptics?: PatternEngine }).haptics;
      let handle: Stoppable;
      if (engine) {
        engine.setCap?.(this.options.intensityCap);
        const target = opts.device === undefined || opts.device < 0 ? {} : devices[0];
        handle = engine.play(pattern, {
          target,
          gain,
          ...(opts.loop !== undefined ? { loop: opts.loop } : {}),
          ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
          ...(opts.channel !== undefined ? { channel: opts.channel } : {}),
        });
      } else handle = playKeyframePattern(this.live(), pattern, devices, gain, this.options.intensityCap);
      const id = this.nextId++;
      this.playing.set(id, handle);
      return id;
    } catch (err) {
      this.events.error(message(err));
      return 0;
    }
  }

  /**
   * Plays a funscript (a `res://` path or the JSON text) in step with `clockSource` (see
   * {@link readMedia}); returns its id for {@link stopPlayback}, 0 on failure.
   */
  syncFunscript(pathOrJson: string, clockSource: unknown): number {
    try {
      const script = parseFunscript(toJson(pathOrJson, 'funscript'));
      if (readMedia(clockSource, undefined) === undefined)
        throw new PlugkitError(
          'INVALID_ARGUMENT',
          'BadClock',
          'sync_funscript needs an AudioStreamPlayer, a VideoStreamPlayer or a function returning seconds as its clock.',
        );
      const reports = new Subject<MediaReport>();
      const id = this.nextId++;
      const handle = syncScript(this.live(), script, {
        clock$: reports,
        clock: this.options.clock,
        range: [0, this.options.intensityCap],
      });
      this.syncs.set(id, { source: clockSource, reports });
      this.playing.set(id, { stop: () => void handle.stop() });
      return id;
    } catch (err) {
      this.events.error(message(err));
      return 0;
    }
  }

  /** Stops one pattern or sync started by this binding. */
  stopPlayback(id: number): void {
    this.playing.get(id)?.stop();
    this.playing.delete(id);
    this.syncs.get(id)?.reports.complete();
    this.syncs.delete(id);
  }

  /** Stops every pattern and sync, then every toy. */
  stopAll(): Promise<void> {
    this.stopPlaybacks();
    return this.guard(() => this.live().stopAll());
  }

  /**
   * Quits, synchronously (Godot calls it from `_exit_tree` while the game closes): stops every
   * toy, flushes and closes the socket, then ends the helper (stdin lifeline, then kill).
   */
  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopPlaybacks();
    const client = this.clientValue;
    if (client) {
      client.stopAll().catch(() => {});
      for (const t of this.transports) t.flush();
      // Poll (bounded) until the close handshake is done: a Godot socket only moves when polled.
      void client.disconnect().catch(() => {});
      for (let i = 0; i < 50 && this.transports.some((t) => t.openSockets > 0); i++) {
        for (const t of this.transports) t.poll();
        godot.OS.delay_msec(5);
      }
    }
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.helper?.stop();
  }

  private async open(): Promise<void> {
    if (this.closed) throw new PlugkitError('NOT_CONNECTED', 'Closed', 'This plugkit node has shut down.');
    let client: PlugkitClient;
    try {
      client = await this.connectTo(this.options.serverUrl);
    } catch (first) {
      if (!this.options.autoStartHelper)
        throw new PlugkitError(
          'TRANSPORT',
          'NoServer',
          `No Buttplug server at ${this.options.serverUrl} (${message(first)}); start Intiface Central or turn on auto_start_helper.`,
        );
      client = await this.connectTo(await this.startHelper());
    }
    if (this.closed) {
      await client.disconnect();
      throw new PlugkitError('NOT_CONNECTED', 'Closed', 'This plugkit node shut down while connecting.');
    }
    this.clientValue = client;
    const names = new Map<number, string>();
    let scanned = false;
    this.subs.push(
      client.deviceAdded$.subscribe((d) => {
        names.set(d.index, d.displayName);
        this.events.deviceAdded(d.index, d.displayName);
      }),
      client.deviceRemoved$.subscribe((d) =>
        this.events.deviceRemoved(d.index, names.get(d.index) ?? d.displayName),
      ),
      client.scanning$.subscribe((on) => {
        if (!on && scanned) this.events.scanningFinished();
        scanned ||= on;
      }),
      client.state$.subscribe((s) => {
        if (s === 'disconnected' && !this.closed) this.events.disconnected('the server connection ended');
      }),
    );
    this.events.connected(client.serverName);
  }

  private connectTo(url: string): Promise<PlugkitClient> {
    const transport = webSocketPeerTransport(url, {
      createPeer: this.options.createPeer,
      connectTimeoutMs: this.options.connectTimeoutMs,
      clock: this.options.clock,
    });
    this.transports.push(transport);
    return connect({ name: this.options.clientName, transports: transport, clock: this.options.clock }).catch(
      (err: unknown) => {
        this.transports.splice(this.transports.indexOf(transport), 1);
        throw err;
      },
    );
  }

  private startHelper(): Promise<string> {
    const helper = HelperProcess.start({
      path: this.options.helperPath,
      args: this.options.helperArgs,
      lifeline: this.options.helperLifeline,
      lifelineGraceMs: 2000,
    });
    this.helper = helper;
    return new Promise<string>((resolve, reject) => {
      const clock = this.options.clock;
      const done = (fn: () => void) => {
        this.helperReady = undefined;
        timer.cancel();
        watch.cancel();
        fn();
      };
      const failed = (why: string) =>
        new PlugkitError(
          'TRANSPORT',
          'HelperNotReady',
          `The helper server (pid ${helper.pid}) ${why}${helper.output.length ? `; it said: ${helper.output.join(' | ')}` : ''}.`,
        );
      const timer = clock.schedule(this.options.helperStartTimeoutMs, () =>
        done(() =>
          reject(
            failed(`did not print "listening on ws://…" within ${this.options.helperStartTimeoutMs} ms`),
          ),
        ),
      );
      const watch = clock.repeat(100, () => {
        if (!helper.running) done(() => reject(failed('exited before it was ready')));
      });
      this.helperReady = (url) => done(() => resolve(url));
    });
  }

  private live(): PlugkitClient {
    if (this.clientValue && !this.closed) return this.clientValue;
    throw new PlugkitError(
      'NOT_CONNECTED',
      'NotConnected',
      'Not connected yet: wait for the connected signal.',
    );
  }

  private devicesFor(index: number): Device[] {
    const devices = this.live().devices;
    if (index === -1) return [...devices];
    const device = devices.find((d) => d.index === index);
    if (!device)
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'UnknownDevice',
        `No device with index ${String(index)}; connected: ${devices.map((d) => `${d.index} (${d.displayName})`).join(', ') || 'none'}.`,
      );
    return [device];
  }

  private stopPlaybacks(): void {
    for (const id of [...this.playing.keys()]) this.stopPlayback(id);
    (this.clientValue as unknown as { haptics?: PatternEngine } | undefined)?.haptics?.stopAll();
  }

  /** Runs a command; its failure goes to `error` and the returned promise still resolves. */
  private async guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.events.error(message(err));
    }
  }
}

/** JSON text, a path to a file with it, a Godot JSON resource, or an object: as a JS value. */
function toJson(source: unknown, what: string): unknown {
  if (typeof source === 'string') {
    const text = source.trim().startsWith('{') ? source : godot.FileAccess.get_file_as_string(source);
    if (text === '')
      throw new PlugkitError('INVALID_ARGUMENT', 'NotFound', `Could not read the ${what} file ${source}.`);
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new PlugkitError('INVALID_ARGUMENT', 'BadJson', `The ${what} is not JSON: ${message(err)}`);
    }
  }
  const resource = source as { get_parsed_text?: () => string; data?: unknown } | null;
  if (typeof resource?.get_parsed_text === 'function') return JSON.parse(resource.get_parsed_text());
  return plain(source);
}

/** A Godot Dictionary (through its proxy) or a JS object as a plain JS object. */
function plain(value: unknown): unknown {
  const dict = value as { proxy?: () => unknown } | null;
  if (typeof dict?.proxy === 'function') return JSON.parse(godot.JSON.stringify(value));
  return value ?? {};
}
