/**
 * Issue 10, items 6 and 7: any web page could drive local toys through ws://127.0.0.1:12345. An
 * Origin allowlist refuses other pages with HTTP 403 at the upgrade; without one every origin is
 * accepted (Intiface-compatible) and each new origin is logged once. A refused second client
 * learns nothing about the connected one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import {
  listenWebSocket,
  type WebSocketListener,
} from '../../../server-embedded/transport/websocket-server.js';
import { rsi } from '../../support/raw-client.js';

let server: PlugkitServer | undefined;
let listener: WebSocketListener | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  await listener?.close();
  server = listener = undefined;
});

const logged: string[] = [];
const start = async (allowedOrigins?: string[]) => {
  logged.length = 0;
  server = await PlugkitServer.create({ log: (_level, m) => logged.push(m) });
  listener = await listenWebSocket(server, {
    port: 0,
    ...(allowedOrigins ? { allowedOrigins } : {}),
  });
  return listener.url;
};

/** Connects with this Origin header (none when undefined); resolves 'open' or the HTTP status. */
type Message = Record<string, Record<string, unknown>>;
interface Conn {
  outcome: 'open' | number;
  ws: WebSocket;
  /** The first message from the server (messages are caught from the start, none is missed). */
  first: Promise<Message>;
}
const connect = (url: string, origin?: string) =>
  new Promise<Conn>((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    sockets.push(ws);
    const first = new Promise<Message>((r) =>
      ws.once('message', (d) => r((JSON.parse(d.toString()) as Message[])[0]!)),
    );
    ws.once('open', () => resolve({ outcome: 'open', ws, first }));
    ws.once('unexpected-response', (_req, res) => resolve({ outcome: res.statusCode ?? -1, ws, first }));
    ws.once('error', () => {});
  });

describe('Origin allowlist', () => {
  it('refuses an origin not on the list with HTTP 403 and accepts a listed one', async () => {
    const url = await start(['http://localhost:8080']);
    expect((await connect(url, 'https://evil.example')).outcome).toBe(403);
    const ok = await connect(url, 'http://localhost:8080');
    expect(ok.outcome).toBe('open');
    ok.ws.send(JSON.stringify(rsi()));
    expect(Object.keys(await ok.first)).toEqual(['ServerInfo']);
    expect(logged.some((l) => /refused a client from origin https:\/\/evil\.example/.test(l))).toBe(true);
  });

  it('matches origins without regard to case, and takes "null" for file:// pages', async () => {
    const url = await start(['http://localhost:8080', 'null']);
    const a = await connect(url, 'HTTP://LOCALHOST:8080');
    expect(a.outcome).toBe('open');
    a.ws.close();
    await new Promise((r) => a.ws.once('close', r));
    expect((await connect(url, 'null')).outcome).toBe('open');
  });

  it('lets clients without an Origin header (native apps) in', async () => {
    const url = await start(['http://localhost:8080']);
    expect((await connect(url)).outcome).toBe('open');
  });

  it('"*" accepts any origin', async () => {
    const url = await start(['*']);
    expect((await connect(url, 'https://anything.example')).outcome).toBe('open');
  });

  it('without a list accepts every origin and logs each new one once', async () => {
    const url = await start();
    for (let i = 0; i < 3; i++) {
      const c = await connect(url, 'https://game.example');
      expect(c.outcome).toBe('open');
      c.ws.close();
      await new Promise((r) => c.ws.once('close', r));
      await server!.activeSession?.ended;
    }
    const lines = logged.filter((l) => l.includes('https://game.example'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--allowed-origin/);
  });
});

describe('second client refusal', () => {
  it('says only that another client is connected', async () => {
    const url = await start();
    const first = await connect(url);
    first.ws.send(
      JSON.stringify([
        {
          RequestServerInfo: {
            Id: 1,
            ClientName: 'Secret Game 3',
            ProtocolVersionMajor: 4,
            ProtocolVersionMinor: 0,
          },
        },
      ]),
    );
    await first.first;
    const second = await connect(url);
    const refusal = await second.first;
    const text = String(refusal['Error']!['ErrorMessage']);
    expect(text).toMatch(/another client is connected/);
    expect(text).not.toContain('Secret Game');
  });
});
