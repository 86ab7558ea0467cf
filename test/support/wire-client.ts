/**
 * Test harness: a real PlugkitServer with the legacy adapters on a real WebSocket (127.0.0.1,
 * ephemeral port), and a bare protocol client that speaks any spec version's JSON, the way an
 * old app does on the wire.
 */
import WebSocket from 'ws';
import { filter, firstValueFrom, take, timeout } from 'rxjs';
import { legacyAdapters } from '../../server-embedded/compat/index.js';
import { PlugkitServer, type ServerOptions } from '../../server-embedded/server/server.js';
import { listenWebSocket, type WebSocketListener } from '../../server-embedded/transport/websocket-server.js';
import type { RecordedCommand, SimulatedDevice } from '../../server-embedded/hardware/simulated/backend.js';

/** A message as received: `{type, ...fields}`. */
export type Msg = { type: string; Id: number; [k: string]: unknown };

const WAIT_MS = 5000;

/** A bare Buttplug client: sends messages with increasing Ids, records everything received. */
export class WireClient {
  readonly received: Msg[] = [];
  private nextId = 1;
  private waiters: { match: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      for (const entry of JSON.parse(data.toString()) as Record<string, Record<string, unknown>>[]) {
        const type = Object.keys(entry)[0]!;
        const msg = { type, ...entry[type] } as Msg;
        this.received.push(msg);
        for (const w of [...this.waiters])
          if (w.match(msg)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(msg);
          }
      }
    });
  }

  static async connect(url: string): Promise<WireClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WireClient(ws);
  }

  /** Waits (bounded) for a message matching `match`, including one already received. */
  waitFor(match: (m: Msg) => boolean, what = 'a message'): Promise<Msg> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        if (!this.waiters.includes(w)) return;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`));
      }, WAIT_MS);
    });
  }

  /** Sends one message (Id filled in unless given) and returns its reply. */
  async request(type: string, fields: Record<string, unknown> = {}): Promise<Msg> {
    const Id = (fields['Id'] as number | undefined) ?? this.nextId++;
    this.ws.send(JSON.stringify([{ [type]: { Id, ...fields } }]));
    return this.waitFor((m) => m.Id === Id && m.type !== 'DeviceAdded', `the reply to ${type} #${Id}`);
  }

  /** Sends raw text as one frame. */
  sendText(text: string): void {
    this.ws.send(text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** A running server + listener; `stop()` ends both. */
export interface Running {
  server: PlugkitServer;
  listener: WebSocketListener;
  url: string;
  stop(): Promise<void>;
}

/** Starts a server with the legacy adapters on an ephemeral port. */
export async function startServer(opts: ServerOptions = {}): Promise<Running> {
  const server = await PlugkitServer.create({ adapters: legacyAdapters, log: 'off', ...opts });
  const listener = await listenWebSocket(server, { port: 0 });
  return {
    server,
    listener,
    url: listener.url,
    stop: async () => {
      await listener.close();
      await server.close();
    },
  };
}

/** Handshake at a spec version (undefined = v0: no version field). */
export async function handshake(client: WireClient, version: number | undefined): Promise<Msg> {
  return client.request('RequestServerInfo', {
    ClientName: 'compat test',
    ...(version === undefined
      ? {}
      : version >= 4
        ? { ProtocolVersionMajor: version, ProtocolVersionMinor: 0 }
        : { MessageVersion: version }),
  });
}

/** Waits (bounded) until a simulated device has recorded `count` commands matching `match`. */
export async function commandsAt(
  device: SimulatedDevice,
  match: (c: RecordedCommand) => boolean,
  count = 1,
): Promise<RecordedCommand[]> {
  const hits = () => device.commands.filter(match);
  if (hits().length >= count) return hits();
  await firstValueFrom(
    device.command$.pipe(
      filter(() => hits().length >= count),
      take(1),
      timeout({
        first: WAIT_MS,
        with: () => Promise.reject(new Error(`device ${device.name} got ${JSON.stringify(device.commands)}`)),
      }),
    ),
  );
  return hits();
}

/** Writes recorded on an endpoint, as byte arrays. */
export const writesTo = (device: SimulatedDevice, endpoint: string): number[][] =>
  device.writes.filter((w) => w.endpoint === endpoint).map((w) => w.data);
