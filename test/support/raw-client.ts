/**
 * A bare WebSocket client for protocol tests: sends exact frames and waits for replies, so tests
 * see precisely what the server puts on the wire.
 */
import WebSocket from 'ws';

export interface RawClient {
  ws: WebSocket;
  /** Sends a frame (objects are JSON-encoded). */
  send(frame: unknown): void;
  /** Next message from the server (frames are unpacked one message at a time). */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a frame and returns the next message. */
  ask(frame: unknown, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a frame and returns the reply with this Id, skipping events (Id 0) that arrive first. */
  reply(frame: unknown, Id: number, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the socket closes, with the close code. */
  closed: Promise<number>;
  close(): void;
}

export async function rawClient(url: string): Promise<RawClient> {
  const ws = new WebSocket(url);
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    for (const m of JSON.parse(data.toString()) as Record<string, unknown>[]) {
      const w = waiters.shift();
      if (w) w(m);
      else inbox.push(m);
    }
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (timeoutMs = 2000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const m = inbox.shift();
      if (m) return resolve(m);
      const t = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
      waiters.push((msg) => {
        clearTimeout(t);
        resolve(msg);
      });
    });
  const send = (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return {
    ws,
    send,
    next,
    ask: (frame, timeoutMs) => {
      send(frame);
      return next(timeoutMs);
    },
    reply: async (frame, Id, timeoutMs) => {
      send(frame);
      for (let i = 0; i < 100; i++) {
        const m = await next(timeoutMs);
        if ((Object.values(m)[0] as { Id?: number }).Id === Id) return m;
      }
      throw new Error(`no reply with Id ${Id}`);
    },
    closed,
    close: () => ws.close(),
  };
}

/** The handshake a v4 client sends. */
export const rsi = (Id = 1) => [
  { RequestServerInfo: { Id, ClientName: 'test', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 } },
];
