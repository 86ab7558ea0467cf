import { startDashboard, type DashboardListener, type DashboardOptions } from './dashboard/index.js';
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
  /** Also serve the dashboard page on 127.0.0.1: `true` for port 12346, or its options. */
  dashboard?: boolean | DashboardOptions;
}

/** A server started by {@link startServer}. */
export interface RunningServer {
  readonly server: PlugkitServer;
  /** The WebSocket listener, if one was asked for. */
  readonly listener: WebSocketListener | undefined;
  /** `ws://host:port` when listening. */
  readonly url: string | undefined;
  /** The dashboard, if one was asked for (`dashboard.url` is the page's address). */
  readonly dashboard: DashboardListener | undefined;
  /** Stops listening, stops every toy and closes the backends. */
  close(): Promise<void>;
}

/** Starts plugkit's server on its own (for apps that host it), optionally listening on WebSocket. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { websocket, dashboard: dashboardOptions, ...rest } = options;
  const server = await PlugkitServer.create(serverOptionsOf(rest));
  let listener: WebSocketListener | undefined;
  let dashboard: DashboardListener | undefined;
  try {
    // The dashboard first, so it sees the client connect and the first devices.
    if (dashboardOptions)
      dashboard = await startDashboard(server, dashboardOptions === true ? {} : dashboardOptions);
    if (websocket) listener = await listenWebSocket(server, websocket === true ? {} : websocket);
  } catch (err) {
    await dashboard?.close();
    await server.close();
    throw err;
  }
  return {
    server,
    listener,
    url: listener?.url,
    dashboard,
    close: async () => {
      await listener?.close();
      await server.close();
      await dashboard?.close();
    },
  };
}
