/**
 * A bare in-process client for server tests on a virtual clock: frames go through the in-memory
 * pipe (microtasks, no timers), so nothing here waits on the wall clock except `settle`.
 */
import type { VirtualClock } from '../../sdk/clock/index.js';
import { inProcessTransport } from '../../server-embedded/transport/in-process.js';
import type { PlugkitServer } from '../../server-embedded/server/server.js';

export type Message = Record<string, Record<string, unknown>>;

export interface PipeClient {
  /** Sends one frame holding these messages. */
  send(...messages: Message[]): void;
  /** Every message received so far, in order. */
  readonly received: Message[];
  /** The first received message with this Id, if any. */
  reply(id: number): Message | undefined;
  /** Whether the server closed the connection. */
  readonly closed: boolean;
  close(): void;
}

export async function pipeClient(server: PlugkitServer): Promise<PipeClient> {
  const conn = await inProcessTransport(server).connect();
  const received: Message[] = [];
  let closed = false;
  conn.frame$.subscribe((f) => received.push(...(JSON.parse(f) as Message[])));
  conn.closed$.subscribe(() => (closed = true));
  return {
    send: (...messages) => conn.send(JSON.stringify(messages)),
    received,
    reply: (id) => received.find((m) => Object.values(m)[0]!['Id'] === id),
    get closed() {
      return closed;
    },
    close: () => void conn.close(),
  };
}

/** Lets pending promise callbacks and microtask deliveries run (one real macrotask turn, a few times). */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Waits in real time (bounded) until `cond` holds. */
export async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export const rsi = (Id = 1): Message => ({
  RequestServerInfo: { Id, ClientName: 'test', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 },
});

export const vibrate = (Id: number, DeviceIndex: number, FeatureIndex: number, Value: number): Message => ({
  OutputCmd: { Id, DeviceIndex, FeatureIndex, Command: { Vibrate: { Value } } },
});

/**
 * Closes a server whose toys may still be busy on a virtual clock: shutting down waits for the
 * stop commands to reach every toy, so time is moved on until it is done (bounded).
 */
export async function closeServer(server: PlugkitServer, clock?: VirtualClock): Promise<void> {
  let done = false;
  const closing = server.close().finally(() => (done = true));
  for (let i = 0; i < 500 && !done && clock; i++) await clock.advanceAsync(100);
  await closing;
}
