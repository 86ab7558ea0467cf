/**
 * The dashboard's own small HTTP + WebSocket listener on 127.0.0.1: it serves the page (static/)
 * and pushes the server's state to it, coalesced per flush and bounded per page, and takes the
 * page's commands. It only reads `events$` and acts through the simulated backend and the core.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { PlugkitError } from '../../sdk/protocol/errors.js';
import type { InputType, OutputType } from '../../sdk/protocol/index.js';
import type { PlugkitServer } from '../server/server.js';
import { ToyCatalog } from './catalog.js';
import { CommandRunner, parseCommand } from './commands.js';
import type { DeviceView, ResultMessage } from './messages.js';
import {
  DashboardState,
  DEFAULT_LIMITS,
  isSigned,
  type DashboardLimits,
  type DeviceSource,
  type Feed,
} from './state.js';

/** The dashboard's default port (one above the Buttplug port). */
export const DEFAULT_DASHBOARD_PORT = 12346;

/** Options of {@link startDashboard}. */
export interface DashboardOptions {
  /** Port on 127.0.0.1 (default 12346; 0 picks a free one). The dashboard never listens elsewhere. */
  port?: number;
  /** How often pages get an update, in ms on the server's clock (default 33: about 30 per second). */
  flushIntervalMs?: number;
  /** What each page may have waiting; see {@link DashboardLimits}. */
  limits?: Partial<DashboardLimits>;
}

/** A running dashboard. */
export interface DashboardListener {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  /** Closes the pages' sockets and stops listening. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** A page whose socket holds more unsent bytes than this is skipped until it catches up. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** Updates a page may have undrawn before the server waits for it. */
const MAX_UNACKED = 2;
/** Commands one page may have running at once. */
const MAX_PENDING_COMMANDS = 4;

const STATIC: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/dashboard.css': ['dashboard.css', 'text/css; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/view.js': ['view.js', 'text/javascript; charset=utf-8'],
  '/plot.js': ['plot.js', 'text/javascript; charset=utf-8'],
  '/log.js': ['log.js', 'text/javascript; charset=utf-8'],
};
/**
 * Where the page's files lie, relative to this module; a bundle (the CLI in dist/cli/, the single
 * executable) defines `PLUGKIT_DASHBOARD_DIR` because its code no longer sits beside them.
 */
declare const PLUGKIT_DASHBOARD_DIR: string | undefined;
const staticDir = fileURLToPath(
  new URL(typeof PLUGKIT_DASHBOARD_DIR === 'string' ? PLUGKIT_DASHBOARD_DIR : './static/', import.meta.url),
);

/** The server's devices as the page shows them. */
function deviceSource(server: PlugkitServer): DeviceSource {
  const describe = (index: number): DeviceView | undefined => {
    const device = server.manager.devices.get(index);
    if (!device) return undefined;
    const info = device.info();
    const address = device.hardware.address;
    return {
      index,
      name: info.DeviceName,
      ...(info.DeviceDisplayName !== undefined ? { displayName: info.DeviceDisplayName } : {}),
      address,
      protocol: device.resolved.protocol,
      simulated: server.simulated.devices.some((d) => d.address === address),
      features: Object.values(info.DeviceFeatures)
        .sort((a, b) => a.FeatureIndex - b.FeatureIndex)
        .map((f) => ({
          index: f.FeatureIndex,
          description: f.FeatureDescription,
          outputs: Object.entries(f.Output ?? {}).map(([type, o]) => ({
            type: type as OutputType,
            steps: Math.max(Math.abs(o!.Value[0]), Math.abs(o!.Value[1])),
            signed: isSigned(type as OutputType),
          })),
          inputs: Object.entries(f.Input ?? {}).map(([type, i]) => ({
            type: type as InputType,
            commands: [...i!.Command],
          })),
        })),
    };
  };
  return {
    describe,
    list: () =>
      [...server.manager.devices.keys()]
        .sort((a, b) => a - b)
        .map(describe)
        .filter((d): d is DeviceView => d !== undefined),
  };
}

/**
 * Serves the dashboard for a server on http://127.0.0.1:PORT/ (see docs/dashboard.md). Pages
 * get a snapshot, then updates about 30 times a second; a page that falls behind gets fewer,
 * and loses old samples and log lines rather than making the server hold them.
 */
export async function startDashboard(
  server: PlugkitServer,
  options: DashboardOptions = {},
): Promise<DashboardListener> {
  const limits: DashboardLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const state = new DashboardState(deviceSource(server), limits);
  const events = server.events$.subscribe((e) => state.apply(e));
  const runner = new CommandRunner(server, new ToyCatalog(server.manager.database));
  let port = options.port ?? DEFAULT_DASHBOARD_PORT;

  // Only the page's own origin (or a non-browser local tool, which sends none) may use the
  // socket, and only under the names of this address, so another site cannot drive the toys.
  const hostAllowed = (host: string | undefined) =>
    host === `${HOST}:${port}` || host === `localhost:${port}`;
  const originAllowed = (origin: string | undefined) =>
    origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;

  const http = createServer((req, res) => void serveStatic(req, res));
  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) {
      res
        .writeHead(421, { 'content-type': 'text/plain' })
        .end('the dashboard answers only as 127.0.0.1 or localhost\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const entry = req.method === 'GET' || req.method === 'HEAD' ? STATIC[path] : undefined;
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const body = await readFile(staticDir + entry[0]);
      res
        .writeHead(200, {
          'content-type': entry[1],
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': `default-src 'self'; connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}; img-src 'self' data:; frame-ancestors 'none'`,
        })
        .end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      server.log('warn', `dashboard: cannot read ${entry[0]}: ${(err as Error).message}`);
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end('dashboard files are missing; rebuild plugkit\n');
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  /** Each page's feed, the last update sent and the last one it drew. */
  const pages = new Map<WebSocket, { feed: Feed; sent: number; acked: number }>();
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws' || !hostAllowed(req.headers.host) || !originAllowed(req.headers.origin)) {
      server.log(
        'info',
        `dashboard: refused a socket from origin ${req.headers.origin ?? '(none)'} for ${req.url}`,
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onPage(ws));
  });

  function onPage(ws: WebSocket): void {
    const feed = state.attach();
    const page = { feed, sent: 0, acked: 0 };
    pages.set(ws, page);
    ws.send(JSON.stringify(state.snapshot(server.clock.now(), server.name)));
    let pending = 0;
    const reply = (msg: ResultMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    ws.on('message', (data, isBinary) => {
      const { id, command, ack, error } = isBinary
        ? {
            id: 0,
            command: undefined,
            error: new PlugkitError(
              'ERROR_MSG',
              'InvalidMessageContents',
              'dashboard commands are JSON text frames',
            ),
          }
        : parseCommand(data.toString());
      if (ack !== undefined) {
        page.acked = Math.min(page.sent, Math.max(page.acked, ack));
        return;
      }
      if (!command) return reply({ t: 'result', id, ok: false, message: error!.message });
      if (pending >= MAX_PENDING_COMMANDS)
        return reply({
          t: 'result',
          id,
          ok: false,
          message: 'busy: wait for the earlier commands to finish',
        });
      pending++;
      runner
        .run(command)
        .then(
          (out) => {
            if (command.cmd !== 'search')
              state.log(server.clock.now(), 'dashboard', -1, `${command.cmd}: ${out.message}`);
            reply({
              t: 'result',
              id,
              ok: true,
              message: out.message,
              ...(out.results ? { results: out.results } : {}),
            });
          },
          (err: unknown) => {
            const message = err instanceof Error ? err.message : String(err);
            state.log(server.clock.now(), 'dashboard', -1, `${command.cmd} failed: ${message}`);
            reply({ t: 'result', id, ok: false, message });
          },
        )
        .finally(() => pending--);
    });
    ws.on('close', () => {
      state.detach(feed);
      pages.delete(ws);
    });
    ws.on('error', (err) => server.log('debug', `dashboard socket: ${err.message}`));
  }

  const flusher = server.clock.repeat(
    options.flushIntervalMs ?? 33,
    () => {
      const now = server.clock.now();
      for (const [ws, page] of pages) {
        // A page that has not drawn what it was sent waits; its feed coalesces and stays bounded.
        if (page.feed.empty || ws.readyState !== ws.OPEN) continue;
        if (page.sent - page.acked >= MAX_UNACKED || ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
        ws.send(JSON.stringify(page.feed.take(++page.sent, now, state)));
      }
    },
    { background: true },
  );

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(
                `dashboard port ${port} on ${HOST} is already in use; pick another with --dashboard-port`,
              )
            : err,
        ),
      );
      http.listen(port, HOST, () => resolve());
    });
  } catch (err) {
    flusher.cancel();
    events.unsubscribe();
    throw err;
  }
  port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        flusher.cancel();
        events.unsubscribe();
        for (const ws of pages.keys()) ws.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => done());
      })),
  };
}
