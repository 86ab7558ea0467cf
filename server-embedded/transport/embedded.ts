import { BehaviorSubject, EMPTY, switchMap, type Observable } from 'rxjs';
import type { Transport, TransportConnection } from '../../sdk/transport/types.js';
import type { ServerEvent } from '../server/events.js';
import { PlugkitServer, type ServerOptions } from '../server/server.js';
import { inProcessTransport } from './in-process.js';

/** Options of {@link embedded}: the server's options, plus one user config file by name. */
export interface EmbeddedOptions extends ServerOptions {
  /** A user device config file (official format), e.g. for display names or websocket devices. */
  userDeviceConfigFile?: string;
}

/** The embedded transport; `server` is the running server while a client is connected. */
export interface EmbeddedTransport extends Transport {
  /** The server started by the last `connect()`, until the client disconnects. */
  readonly server: PlugkitServer | undefined;
  /**
   * The events of every server this transport starts (see `PlugkitServer.events$`), from the
   * first: subscribe before connecting to also see the client connect and the first devices.
   */
  readonly events$: Observable<ServerEvent>;
}

/** Turns embedded options into server options. */
export const serverOptionsOf = (opts: EmbeddedOptions): ServerOptions => {
  const { userDeviceConfigFile, ...rest } = opts;
  return userDeviceConfigFile === undefined
    ? rest
    : { ...rest, userDeviceConfigFiles: [...(rest.userDeviceConfigFiles ?? []), userDeviceConfigFile] };
};

/**
 * A transport that starts plugkit's server inside this process (no socket, no install) and closes
 * it — stopping every toy — when the client disconnects. Put it first in `connect`'s list to
 * prefer the embedded server over a network one.
 */
export function embedded(options: EmbeddedOptions = {}): EmbeddedTransport {
  let current: PlugkitServer | undefined;
  // The latest server; events$ follows it, so the servers' taps stay idle while nobody listens.
  const started = new BehaviorSubject<PlugkitServer | undefined>(undefined);
  return {
    description: 'embedded',
    reconnectable: false,
    get server() {
      return current;
    },
    events$: started.pipe(switchMap((s) => s?.events$ ?? EMPTY)),
    async connect(): Promise<TransportConnection> {
      const server = await PlugkitServer.create(serverOptionsOf(options));
      // Announced before the client is accepted, so a listener misses nothing of it.
      started.next(server);
      let conn: TransportConnection;
      try {
        conn = await inProcessTransport(server).connect();
      } catch (err) {
        await server.close();
        throw err;
      }
      current = server;
      let closing: Promise<void> | undefined;
      const shutdown = () =>
        (closing ??= server.close().finally(() => {
          if (current === server) current = undefined;
        }));
      conn.closed$.subscribe(() => void shutdown());
      return {
        send: (f) => conn.send(f),
        frame$: conn.frame$,
        closed$: conn.closed$,
        ...(conn.messages ? { messages: conn.messages } : {}),
        close: () => {
          void conn.close();
          return shutdown();
        },
      };
    },
  };
}
