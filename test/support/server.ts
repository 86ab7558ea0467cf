import { PlugkitServer, type ServerOptions } from '../../server-embedded/server/server.js';
import {
  listenWebSocket,
  type WebSocketListener,
  type WebSocketListenOptions,
} from '../../server-embedded/transport/websocket-server.js';

export interface TestServer {
  server: PlugkitServer;
  listener: WebSocketListener;
  url: string;
  stop(): Promise<void>;
}

/**
 * Listener options that keep the WebSocket keepalive out of a test's way: moving a virtual clock by
 * minutes, or a client that does not read, must not also drop a client for pongs it had no real
 * time to send.
 */
export const NO_KEEPALIVE: WebSocketListenOptions = { keepaliveMs: 24 * 3_600_000 };

/** A real plugkit server on 127.0.0.1 with an ephemeral port. Stop it in afterEach. */
export async function startTestServer(
  opts: ServerOptions = {},
  listen: WebSocketListenOptions = {},
): Promise<TestServer> {
  const server = await PlugkitServer.create({ log: 'off', ...opts });
  const listener = await listenWebSocket(server, { port: 0, host: '127.0.0.1', ...listen });
  return {
    server,
    listener,
    url: listener.url,
    stop: async () => {
      await server.close();
      await listener.close();
    },
  };
}

export { until } from './until.js';
