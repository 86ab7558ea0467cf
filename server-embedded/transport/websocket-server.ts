import { WebSocketServer, type WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, SYSTEM_ID, serializeMessage } from '../../sdk/protocol/index.js';
import type { PlugkitServer } from '../server/server.js';
import type { ServerSession } from '../server/session.js';

export interface WebSocketListenOptions {
  /** Port to listen on (default 12345; 0 picks a free one). */
  port?: number;
  /** Host to bind (default 127.0.0.1; "0.0.0.0" for all interfaces). */
  host?: string;
  /** Interval of WebSocket-level pings that detect dead sockets (default 10 s). */
  keepaliveMs?: number;
  /**
   * Browser origins allowed to connect (the `Origin` header, e.g. `http://localhost:8080`; `*` =
   * any, `null` = file:// pages). Others get HTTP 403 at the upgrade. Clients that send no Origin
   * (native apps, not browsers) are always accepted. Absent: every origin, as Intiface does; each
   * new origin is then logged once.
   */
  allowedOrigins?: readonly string[];
  /**
   * Replies waiting to be sent to a client, in bytes, past which the server stops reading that
   * client's frames until they drain (default 4 MiB): a client that sends without reading cannot
   * grow the server's memory.
   */
  pauseBufferedBytes?: number;
  /** Replies waiting past this many bytes drop the client, stopping every toy (default 16 MiB). */
  dropBufferedBytes?: number;
  /** Frames received but not handled yet, past which reading pauses (default 64). */
  maxPendingFrames?: number;
  /**
   * How long a connection that arrives while another client is connected waits for that client's
   * session to end before it is refused, in ms (default 1000). A client that disconnects and
   * reconnects at once is often seen before its old socket has closed; it is let in, not turned away.
   */
  admitWaitMs?: number;
}

/** A running WebSocket listener for a PlugkitServer. */
export interface WebSocketListener {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

/** Origins remembered for the "new origin" log line; past this, no more are logged. */
const MAX_LOGGED_ORIGINS = 256;

/**
 * Serves the Buttplug protocol over WebSocket text frames. One client at a time: a second
 * connection waits up to `admitWaitMs` for the first to leave, else gets an Error (ErrorCode 1)
 * and is closed while the first one carries on. Frames over the
 * server's `maxFrameBytes` are refused before they are read (close 1009), invalid UTF-8 closes
 * with 1007, a binary frame is answered with an Error.
 */
export function listenWebSocket(
  server: PlugkitServer,
  opts: WebSocketListenOptions = {},
): Promise<WebSocketListener> {
  const host = opts.host ?? '127.0.0.1';
  const allowed = opts.allowedOrigins?.map((o) => o.toLowerCase());
  const seenOrigins = new Set<string>();
  const verifyClient = (
    info: { origin: string; req: IncomingMessage },
    done: (ok: boolean, code?: number, message?: string) => void,
  ): void => {
    // Browsers always send Origin on a WebSocket upgrade; native clients usually do not.
    const origin = info.req.headers.origin === undefined ? undefined : info.origin.toLowerCase();
    if (origin === undefined) return done(true);
    const ok = !allowed || allowed.includes('*') || allowed.includes(origin);
    if (!seenOrigins.has(origin) && seenOrigins.size < MAX_LOGGED_ORIGINS) {
      seenOrigins.add(origin);
      if (!ok) server.log('warn', `refused a client from origin ${origin}: not in --allowed-origin`);
      else if (!allowed)
        server.log(
          'info',
          `a client from origin ${origin} connected; any web page may drive the toys unless --allowed-origin limits it`,
        );
    }
    if (ok) done(true);
    else done(false, 403, 'Origin not allowed');
  };
  const wss = new WebSocketServer({
    host,
    port: opts.port ?? 12345,
    // The frame limit applies at the WebSocket layer: an oversized frame is refused unread (1009).
    maxPayload: server.maxFrameBytes,
    verifyClient,
  });
  const keepaliveMs = opts.keepaliveMs ?? 10_000;
  const pauseBytes = opts.pauseBufferedBytes ?? 4 * 1024 * 1024;
  const dropBytes = Math.max(opts.dropBufferedBytes ?? 16 * 1024 * 1024, pauseBytes);
  const maxPending = opts.maxPendingFrames ?? 64;
  const alive = new WeakMap<WebSocket, boolean>();

  const admitWaitMs = opts.admitWaitMs ?? 1000;

  wss.on('connection', (ws, req) => {
    const label = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    let pending = 0;
    let session: ServerSession | undefined;
    // Frames that arrive before the session exists (while this connection waits to be let in).
    const early: string[] = [];
    // Reading stops while replies pile up unsent or frames wait unhandled, and resumes once both
    // have drained below half their bound.
    const flow = (): void => {
      if (ws.readyState !== ws.OPEN) return;
      const buffered = ws.bufferedAmount;
      if (buffered > dropBytes) {
        server.log(
          'warn',
          `${label}: ${buffered} bytes of replies unread (limit ${dropBytes}); dropping the client`,
        );
        ws.terminate();
      } else if (!ws.isPaused && (buffered > pauseBytes || pending > maxPending)) ws.pause();
      else if (ws.isPaused && buffered <= pauseBytes / 2 && pending <= maxPending / 2) ws.resume();
    };
    const settled = (): void => {
      pending--;
      flow();
    };
    const receive = (s: ServerSession, text: string): void => {
      const handled = s.receive(text);
      // Most frames are answered within receive(); only one that waits counts as pending.
      if (s.unfinishedFrames === 0) return;
      pending++;
      flow();
      void handled.then(settled, settled);
    };
    const admit = (): boolean => {
      session = server.accept(
        {
          send: (frame) => {
            if (ws.readyState !== ws.OPEN) return;
            ws.send(frame);
            flow();
          },
          close: (code, reason) => ws.close(code ?? 1000, reason),
        },
        label,
      );
      if (!session) return false;
      alive.set(ws, true);
      for (const text of early.splice(0)) receive(session, text);
      return true;
    };
    const refuse = (): void => {
      ws.send(
        serializeMessage({
          type: 'Error',
          Id: SYSTEM_ID,
          ErrorCode: ErrorCode.Init,
          // Says nothing about who is connected: the refused party may be any local process or page.
          ErrorMessage:
            'This server takes one client at a time and another client is connected; disconnect it first.',
        }),
      );
      ws.close(1013, 'another client is connected');
      server.log('info', `refused ${label}: another client is connected`);
    };

    req.socket.on('drain', flow);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(
          serializeMessage({
            type: 'Error',
            Id: SYSTEM_ID,
            ErrorCode: ErrorCode.Message,
            ErrorMessage:
              'Binary frames are not part of the Buttplug protocol; send JSON text frames, e.g. [{"Ping":{"Id":1}}].',
          }),
        );
        flow();
        return;
      }
      if (session) return receive(session, data.toString());
      // Bounded: the wait is short, and a client that floods meanwhile is cut off.
      if (early.length >= maxPending) return ws.terminate();
      early.push(data.toString());
    });
    ws.on('close', () => void session?.closed());
    ws.on('error', (err: Error & { code?: string }) => {
      // ws closes the socket itself: 1009 for an oversized frame, 1007 for invalid UTF-8.
      server.log('warn', `${label}: ${err.message}${err.code ? ` (${err.code})` : ''}; closing`);
    });

    if (admit()) return;
    const current = server.activeSession;
    if (!current || admitWaitMs <= 0) return refuse();
    // The connected client may be on its way out: wait a moment for its session to end.
    let decided = false;
    const decide = (): void => {
      if (decided) return;
      decided = true;
      timer.cancel();
      if (ws.readyState !== ws.OPEN) return;
      if (!admit()) refuse();
    };
    const timer = server.clock.schedule(admitWaitMs, decide);
    void current.ended.then(decide);
    ws.once('close', () => {
      decided = true;
      timer.cancel();
    });
  });

  // On the server's clock, in the background: dead-socket detection alone keeps no process alive.
  const pinger = server.clock.repeat(
    keepaliveMs,
    () => {
      for (const ws of wss.clients) {
        if (alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
    },
    { background: true },
  );

  return new Promise((resolve, reject) => {
    wss.once('error', (err: NodeJS.ErrnoException) => {
      pinger.cancel();
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `port ${opts.port ?? 12345} on ${host} is already in use; pick another with --websocket-port`,
            )
          : err,
      );
    });
    wss.once('listening', () => {
      const addr = wss.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `ws://${shownHost}:${addr.port}`,
        port: addr.port,
        host: addr.address,
        close: () =>
          new Promise<void>((done) => {
            pinger.cancel();
            for (const ws of wss.clients) ws.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}
