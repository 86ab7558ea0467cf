import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BaseHardware, HardwareError } from '../base-hardware.js';
import type { BackendSink, DeviceCandidate, Endpoint, HardwareBackend } from '../types.js';

/** Intiface's default port for WebSocket devices. */
export const DEFAULT_DEVICE_WEBSOCKET_PORT = 54817;

export interface WebSocketDeviceOptions {
  /** Port to listen on (default 54817; 0 picks a free one). */
  port?: number;
  /** Host to bind (default "0.0.0.0": devices are usually other machines, as with Intiface). */
  host?: string;
  /** WebSocket ping interval; a device that misses a pong is dropped (default 10 s). */
  keepaliveMs?: number;
  /** How long a device may take to send its identification frame (default 10 s). */
  helloTimeoutMs?: number;
  /**
   * Largest frame a device may send, in bytes (default 64 KiB: identification and notifications are
   * a few bytes). A bigger frame is refused before it is read: the socket is closed with 1009.
   */
  maxFrameBytes?: number;
}

/** Default largest frame from a WebSocket device (64 KiB). */
export const DEFAULT_DEVICE_MAX_FRAME_BYTES = 64 * 1024;

/** The identification frame a device sends first. */
export interface DeviceHello {
  identifier: string;
  address: string;
  version: number;
}

/** Validates the first frame; returns the reason it is unusable, or the hello. */
export function parseHello(text: string): DeviceHello | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'the first frame is not JSON';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'the first frame must be a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o['identifier'] !== 'string' || o['identifier'] === '')
    return '"identifier" must be a non-empty string';
  if (typeof o['address'] !== 'string' || o['address'] === '') return '"address" must be a non-empty string';
  const version = o['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return '"version" must be a whole number';
  return { identifier: o['identifier'], address: o['address'], version };
}

/**
 * Intiface-compatible WebSocket devices: each connection is one toy (an ESP32, a simulator). It
 * says who it is in a first text frame `{identifier, address, version}`; the identifier is
 * matched against `websocket` specifiers of the (user) config. Protocol writes go to the device
 * as binary frames; frames from it are `rx` notifications. Devices appear whenever they connect,
 * so scanning only reports that it is done.
 */
export class WebSocketDeviceBackend implements HardwareBackend {
  readonly name = 'websocket-devices';
  private sink: BackendSink | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly addresses = new Set<string>();
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private finishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: WebSocketDeviceOptions = {}) {}

  /** The bound port (after `listen`). */
  get port(): number {
    return (this.wss?.address() as AddressInfo | undefined)?.port ?? -1;
  }

  /** Binds the port; throws a readable reason (port in use, no permission). Idempotent. */
  async listen(): Promise<void> {
    if (this.wss) return;
    const port = this.opts.port ?? DEFAULT_DEVICE_WEBSOCKET_PORT;
    const host = this.opts.host ?? '0.0.0.0';
    const wss = new WebSocketServer({
      port,
      host,
      maxPayload: this.opts.maxFrameBytes ?? DEFAULT_DEVICE_MAX_FRAME_BYTES,
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new Error(
            err.code === 'EADDRINUSE'
              ? `port ${port} is already in use (choose another with --device-websocket-server-port)`
              : `cannot listen on ${host}:${port}: ${err.message}`,
          ),
        ),
      );
    });
    wss.on('error', (err) => this.sink?.log('error', `device server: ${err.message}`));
    wss.on('connection', (ws, req) =>
      this.accept(ws, `${req.socket.remoteAddress}:${req.socket.remotePort}`),
    );
    this.wss = wss;
    this.keepalive = setInterval(() => this.ping(), this.opts.keepaliveMs ?? 10_000);
    this.keepalive.unref?.();
  }

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
    await this.listen();
  }

  async startScanning(): Promise<void> {
    // Nothing to search for: devices connect on their own. Report done on the next turn.
    this.finishTimer = setTimeout(() => this.sink?.scanFinished(), 0);
  }

  async stopScanning(): Promise<void> {
    if (this.finishTimer) clearTimeout(this.finishTimer);
  }

  async close(): Promise<void> {
    await this.stopScanning();
    if (this.keepalive) clearInterval(this.keepalive);
    for (const ws of this.sockets) ws.close(1001, 'server shutting down');
    const wss = this.wss;
    this.wss = undefined;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
    for (const ws of this.sockets) ws.terminate();
  }

  private ping(): void {
    for (const ws of this.sockets) {
      if (this.alive.get(ws) === false) {
        this.sink?.log('warn', 'a device missed its keepalive pong; dropping it');
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  private accept(ws: WebSocket, peer: string): void {
    this.sockets.add(ws);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', (err) => this.sink?.log('warn', `device ${peer}: ${err.message}`));
    const helloTimer = setTimeout(() => {
      this.sink?.log('warn', `device ${peer} sent no identification frame; closing`);
      ws.close(4000, 'send {"identifier","address","version"} first');
    }, this.opts.helloTimeoutMs ?? 10_000);
    ws.once('close', () => clearTimeout(helloTimer));
    ws.once('message', (data: RawData, isBinary: boolean) => {
      clearTimeout(helloTimer);
      const hello = isBinary ? 'the first frame must be text' : parseHello(rawText(data));
      if (typeof hello === 'string') {
        this.sink?.log('warn', `device ${peer}: ${hello}; closing`);
        ws.close(4001, hello.slice(0, 120));
        return;
      }
      if (this.addresses.has(hello.address)) {
        this.sink?.log('warn', `device ${peer}: address "${hello.address}" is already connected; closing`);
        ws.close(4002, 'address already connected');
        return;
      }
      this.addresses.add(hello.address);
      ws.once('close', () => this.addresses.delete(hello.address));
      const hw = new WebSocketDeviceHardware(ws, hello);
      this.sink?.log('info', `device "${hello.identifier}" (${hello.address}) connected from ${peer}`);
      this.sink?.deviceFound(this.candidate(hw));
    });
  }

  private candidate(hw: WebSocketDeviceHardware): DeviceCandidate {
    let taken = false;
    return {
      bus: 'websocket',
      name: hw.name,
      address: hw.address,
      connect: async (specifier) => {
        if (specifier.bus !== 'websocket')
          throw new HardwareError(`a WebSocket device cannot use a ${specifier.bus} specifier`);
        if (taken) throw new HardwareError(`WebSocket device ${hw.address} is already in use`);
        if (hw.closed) throw new HardwareError(`WebSocket device ${hw.address} already disconnected`);
        taken = true;
        return hw;
      },
    };
  }
}

const rawText = (data: RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');

const rawBytes = (data: RawData): Uint8Array =>
  Uint8Array.from(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));

/** A connected WebSocket device: `tx` sends binary frames, `rx` receives the device's frames. */
class WebSocketDeviceHardware extends BaseHardware {
  constructor(
    private readonly ws: WebSocket,
    hello: DeviceHello,
  ) {
    super(hello.identifier, hello.address, ['tx', 'rx']);
    // Text frames count as bytes too, as Intiface treats them.
    ws.on('message', (data: RawData) => this.deliver('rx', rawBytes(data)));
    ws.on('close', () => this.markGone());
  }

  async write(endpoint: Endpoint, data: Uint8Array): Promise<void> {
    this.check(endpoint);
    if (endpoint !== 'tx')
      throw new HardwareError(`WebSocket device ${this.label}: write to "tx", not "${endpoint}"`);
    const sent = new Promise<void>((resolve, reject) =>
      this.ws.send(Buffer.from(data), { binary: true }, (err) => (err ? reject(err) : resolve())),
    );
    await this.guard(`writing to WebSocket device ${this.label}`, sent, 5000);
  }

  async read(endpoint: Endpoint): Promise<Uint8Array> {
    this.check(endpoint);
    throw new HardwareError(
      `WebSocket device ${this.label} cannot be read; it only sends notifications on "rx" (subscribe to it)`,
    );
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    if (endpoint !== 'rx')
      throw new HardwareError(`WebSocket device ${this.label}: subscribe to "rx", not "${endpoint}"`);
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.delete(endpoint);
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.ws.close(1000, 'disconnected by the server');
    this.markGone();
  }
}
