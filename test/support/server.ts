import { PlugkitServer, type ServerOptions } from '../../server-embedded/server/server.js';
import { listenWebSocket, type WebSocketListener } from '../../server-embedded/transport/websocket-server.js';

export interface TestServer {
  server: PlugkitServer;
  listener: WebSocketListener;
  url: string;
  stop(): Promise<void>;
}

/** A real plugkit server on 127.0.0.1 with an ephemeral port. Stop it in afterEach. */
export async function startTestServer(opts: ServerOptions = {}): Promise<TestServer> {
  const server = await PlugkitServer.create({ log: 'off', ...opts });
  const listener = await listenWebSocket(server, { port: 0, host: '127.0.0.1' });
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
