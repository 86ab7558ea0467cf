import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

/** A message as a test server sees it: the name plus the fields. */
export interface RawMessage {
  type: string;
  Id: number;
  [field: string]: unknown;
}

/** What a scripted handler can do on one connection. */
export interface RawConnection {
  /** Index of this connection (0 for the first accepted). */
  readonly n: number;
  reply(type: string, fields: Record<string, unknown>): void;
  close(): void;
}

/** A hand-written Buttplug server on 127.0.0.1, for protocol situations plugkit's server never produces. */
export interface RawServer {
  readonly url: string;
  /** Every message received, with the connection it came on. */
  readonly received: (RawMessage & { conn: number })[];
  close(): Promise<void>;
}

export async function startRawServer(handle: (m: RawMessage, c: RawConnection) => void): Promise<RawServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const received: (RawMessage & { conn: number })[] = [];
  let count = 0;
  wss.on('connection', (ws: WebSocket) => {
    const conn: RawConnection = {
      n: count++,
      reply: (type, fields) => ws.send(JSON.stringify([{ [type]: fields }])),
      close: () => ws.close(),
    };
    ws.on('message', (data) => {
      for (const entry of JSON.parse(data.toString()) as Record<string, Record<string, unknown>>[]) {
        const type = Object.keys(entry)[0]!;
        const m = { type, ...entry[type] } as RawMessage;
        received.push({ ...m, conn: conn.n });
        handle(m, conn);
      }
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((done) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => done());
      }),
  };
}
