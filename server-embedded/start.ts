import { PlugkitServer } from './server/server.js';
import { serverOptionsOf, type EmbeddedOptions } from './transport/embedded.js';
import {
  listenWebSocket,
  type WebSocketListener,
  type WebSocketListenOptions,
} from './transport/websocket-server.js';

/** Options of {@link startServer}. */
export interface StartServerOptions extends EmbeddedOptions {
  /** Also serve clients over WebSocket: `true` for 127.0.0.1:12345, or listen options. */
  websocket?: boolean | WebSocketListenOptions;
}

/** A server started by {@link startServer}. */
export interface RunningServer {
  readonly server: PlugkitServer;
  /** The WebSocket listener, if one was asked for. */
  readonly listener: WebSocketListener | undefined;
  /** `ws://host:port` when listening. */
  readonly url: string | undefined;
  /** Stops listening, stops every toy and closes the backends. */
  close(): Promise<void>;
}

/** Starts plugkit's server on its own (for apps that host it), optionally listening on WebSocket. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { websocket, ...rest } = options;
  const server = await PlugkitServer.create(serverOptionsOf(rest));
  let listener: WebSocketListener | undefined;
  if (websocket) {
    try {
      listener = await listenWebSocket(server, websocket === true ? {} : websocket);
    } catch (err) {
      await server.close();
      throw err;
    }
  }
  return {
    server,
    listener,
    url: listener?.url,
    close: async () => {
      await listener?.close();
      await server.close();
    },
  };
}
