import { WebSocket } from 'ws';
import type { Transport, TransportConnection } from '../../sdk/transport/types.js';
import { websocketTransport, type WebSocketConstructor } from '../../sdk/transport/websocket.js';
import { spawnServer, type SpawnServerOptions, type SpawnedServer } from './spawn-server.js';

/** The transport of {@link spawnedTransport}; `helper` is the running helper while connected. */
export interface SpawnedTransport extends Transport {
  readonly helper: SpawnedServer | undefined;
}

/**
 * A transport that starts a plugkit helper process ({@link spawnServer}) only when the client
 * connects through it, and stops it — every toy stopped — when that connection closes. Put it
 * last in `connect`'s list: after the embedded server and an already-running Intiface Central.
 */
export function spawnedTransport(options: SpawnServerOptions = {}): SpawnedTransport {
  let current: SpawnedServer | undefined;
  return {
    description: `spawned ${options.executable ?? 'plugkit-server'}`,
    // A new connection starts a new helper; re-opening the old URL would find nobody.
    reconnectable: false,
    get helper() {
      return current;
    },
    async connect(context): Promise<TransportConnection> {
      const helper = await spawnServer(options);
      let conn: TransportConnection;
      try {
        conn = await websocketTransport(helper.url, {
          WebSocket: WebSocket as unknown as WebSocketConstructor,
        }).connect(context);
      } catch (err) {
        await helper.stop();
        throw err;
      }
      current = helper;
      let stopping: Promise<unknown> | undefined;
      const shutdown = () =>
        (stopping ??= helper.stop().finally(() => {
          if (current === helper) current = undefined;
        }));
      conn.closed$.subscribe(() => void shutdown());
      return {
        send: (f) => conn.send(f),
        frame$: conn.frame$,
        closed$: conn.closed$,
        close: async () => {
          await conn.close();
          await shutdown();
        },
      };
    },
  };
}
