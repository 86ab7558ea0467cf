/** Shared pieces of the hardware tests: a real server on a real socket and the official v4 client. */
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, type ButtplugClientDevice } from 'buttplug';
import { PlugkitServer, type ServerOptions } from '../../server-embedded/server/server.js';
import { listenWebSocket, type WebSocketListener } from '../../server-embedded/transport/websocket-server.js';

export interface Running {
  server: PlugkitServer;
  listener: WebSocketListener;
  client: ButtplugClient;
  stop(): Promise<void>;
}

/** Starts a PlugkitServer on an ephemeral port and connects the official v4 client to it. */
export async function serveAndConnect(opts: ServerOptions): Promise<Running> {
  const server = await PlugkitServer.create({ log: 'off', ...opts });
  const listener = await listenWebSocket(server, { port: 0, host: '127.0.0.1' });
  const client = new ButtplugClient('hardware test');
  await client.connect(new ButtplugNodeWebsocketClientConnector(listener.url));
  return {
    server,
    listener,
    client,
    stop: async () => {
      if (client.connected) await client.disconnect().catch(() => {});
      await server.close();
      await listener.close();
    },
  };
}

type Emitter = {
  once(event: string, fn: (...args: any[]) => void): unknown;
  off(event: string, fn: (...args: any[]) => void): unknown;
};

/** The next `event` from an emitter; rejects after `ms` so a missing event fails instead of hanging. */
export function nextEvent<T = unknown>(emitter: Emitter, event: string, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const on = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      emitter.off(event, on);
      reject(new Error(`no "${event}" event within ${ms} ms`));
    }, ms);
    emitter.once(event, on);
  });
}

/** Waits (bounded) until `check` holds, polling on the event loop. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export type { ButtplugClientDevice };
