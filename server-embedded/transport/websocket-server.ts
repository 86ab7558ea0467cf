import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { ErrorCode, SYSTEM_ID, serializeMessage } from '../../sdk/protocol/index.js';
import type { PlugkitServer } from '../server/server.js';

export interface WebSocketListenOptions {
  /** Port to listen on (default 12345; 0 picks a free one). */
  port?: number;
  /** Host to bind (default 127.0.0.1; "0.0.0.0" for all interfaces). */
  host?: string;
  /** Interval of WebSocket-level pings that detect dead sockets (default 10 s). */
  keepaliveMs?: number;
}

/** A running WebSocket listener for a PlugkitServer. */
export interface WebSocketListener {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

/**
 * Serves the Buttplug protocol over WebSocket text frames. One client at a time: a second
 * connection gets an Error (ErrorCode 1) and is closed, the first one carries on.
 */
export function listenWebSocket(
  server: PlugkitServer,
  opts: WebSocketListenOptions = {},
): Promise<WebSocketListener> {
  const host = opts.host ?? '127.0.0.1';
  const wss = new WebSocketServer({ host, port: opts.port ?? 12345, maxPayload: 64 * 1024 * 1024 });
  const keepaliveMs = opts.keepaliveMs ?? 10_000;
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws, req) => {
    const label = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    const session = server.accept(
      {
        send: (frame) => ws.readyState === ws.OPEN && ws.send(frame),
        close: (code, reason) => ws.close(code ?? 1000, reason),
      },
      label,
    );
    if (!session) {
      const holder = server.activeSession?.clientName;
      ws.send(
        serializeMessage({
          type: 'Error',
          Id: SYSTEM_ID,
          ErrorCode: ErrorCode.Init,
          ErrorMessage: `This server takes one client at a time and ${holder ? `"${holder}"` : 'another client'} is connected; disconnect it first.`,
        }),
      );
      ws.close(1013, 'another client is connected');
      server.log('info', `refused ${label}: another client is connected`);
      return;
    }
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        server.log('debug', `${label}: ignored a binary frame (the protocol uses text frames)`);
        return;
      }
      session.receive(data.toString());
    });
    ws.on('close', () => void session.closed());
    ws.on('error', (err) => server.log('warn', `${label}: ${err.message}`));
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
