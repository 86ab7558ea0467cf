import { PlugkitError } from '../../sdk/protocol/errors.js';
import { legacyAdapters } from '../compat/index.js';
import type { DashboardListener } from '../dashboard/index.js';
import { requestedBackends } from '../hardware/catalog.js';
import type { HardwareBackend } from '../hardware/types.js';
import { consoleLogger, type Logger } from '../log.js';
import { PlugkitServer, type ServerOptions } from '../server/server.js';
import { listenWebSocket, type WebSocketListenOptions } from '../transport/websocket-server.js';
import { loadConfiguredDatabase } from './config-files.js';
import type { Io } from './io.js';
import type { ServeArgs } from './serve-flags.js';
import { simulatedToySpec } from '../devices/simulated-toys.js';
import type { SimulatedDeviceSpec } from '../hardware/simulated/simulated-device.js';
import { UsageError } from './usage-error.js';
import { watchLifeline, type Lifeline } from '../spawn/lifeline.js';
import { removePortFile, writePortFile } from '../spawn/port-file.js';

/** The options `plugkit serve` hands the server and the listener, built from its flags. */
export function serveOptions(
  args: ServeArgs,
  simulate: (string | SimulatedDeviceSpec)[],
  backends: HardwareBackend[],
  log: Logger,
): { server: ServerOptions; listen: WebSocketListenOptions } {
  return {
    server: {
      ...(args.serverName !== undefined ? { name: args.serverName } : {}),
      ...(args.maxPingTime !== undefined ? { maxPingTime: args.maxPingTime } : {}),
      ...(args.maxSpecVersion !== undefined ? { maxSpecVersion: args.maxSpecVersion } : {}),
      allowRawMessages: args.allowRawMessages,
      ...(args.deviceConfigFile !== undefined ? { deviceConfigFile: args.deviceConfigFile } : {}),
      ...(args.userDeviceConfigFile !== undefined
        ? { userDeviceConfigFiles: [args.userDeviceConfigFile] }
        : {}),
      clientHandshakeTimeoutMs: args.handshakeTimeout,
      simulate,
      backends,
      adapters: legacyAdapters,
      log,
    },
    listen: {
      port: args.websocketPort,
      host: args.websocketUseAllInterfaces ? '0.0.0.0' : '127.0.0.1',
      ...(args.allowedOrigin.length ? { allowedOrigins: args.allowedOrigin } : {}),
    },
  };
}

/**
 * Starts the server `plugkit serve` asked for and runs it until SIGINT/SIGTERM; resolves with
 * the exit code. Imported only once the flags are known to be good (serve.ts), since loading the
 * server, protocols and backends is most of the start-up time.
 */
export async function startServe(args: ServeArgs, io: Io): Promise<number> {
  const db = await loadConfiguredDatabase(args);
  const simulate = args.simulate.map((name) => {
    try {
      return simulatedToySpec(db, name);
    } catch (err) {
      if (err instanceof PlugkitError) throw new UsageError(`--simulate: ${err.message}`);
      throw err;
    }
  });

  const log = consoleLogger(args.log);
  const backends: HardwareBackend[] = [];
  for (const r of await requestedBackends(args, log)) {
    io.out(`${r.name}: ${r.backend ? `active${r.note ? ` (${r.note})` : ''}` : `unavailable — ${r.reason}`}`);
    if (r.backend) backends.push(r.backend);
  }
  if (backends.length === 0 && simulate.length === 0)
    io.err(
      'plugkit: no hardware backend is active and no toy is simulated, so clients will find no devices; ' +
        'add --use-bluetooth-le, --use-serial or --use-hid, or --simulate NAME (plugkit devices lists names)',
    );
  const opts = serveOptions(args, simulate, backends, log);
  let server: PlugkitServer;
  try {
    server = await PlugkitServer.create(opts.server);
  } catch (err) {
    // Backends already hold ports/handles; release them so the process can exit.
    await Promise.all(backends.map((b) => b.close().catch(() => {})));
    throw err;
  }
  let listener;
  let dashboard: DashboardListener | undefined;
  try {
    // Before the Buttplug listener, so the dashboard sees the first client from its start.
    // Loaded only when asked for: most runs have no dashboard, and start-up should not pay for it.
    if (args.dashboard || args.dashboardPort !== undefined) {
      const { DEFAULT_DASHBOARD_PORT, startDashboard } = await import('../dashboard/index.js');
      dashboard = await startDashboard(server, { port: args.dashboardPort ?? DEFAULT_DASHBOARD_PORT });
    }
    listener = await listenWebSocket(server, opts.listen);
  } catch (err) {
    await dashboard?.close();
    await server.close();
    throw err;
  }
  for (const d of server.simulated.devices)
    io.out(`simulated: "${d.name}" (${d.address}) — found when a client scans`);
  if (args.portFile !== undefined) {
    try {
      await writePortFile(args.portFile, listener.port);
    } catch (err) {
      await server.close();
      await listener.close();
      await dashboard?.close();
      throw err;
    }
  }
  const lifeline = lifelineOf(args);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (why: string, lifelineEnded = false) => {
      if (stopping) return;
      stopping = true;
      lifeline?.dispose();
      log('info', `${why}: stopping every device and shutting down`);
      // The game is gone: nobody waits for a slow toy, so exit within a second in any case.
      if (lifelineEnded) setTimeout(() => process.exit(0), LIFELINE_EXIT_MS).unref();
      await server.close();
      await listener.close();
      await dashboard?.close();
      if (args.portFile !== undefined) await removePortFile(args.portFile, listener.port);
      io.out('stopped: all devices stopped');
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    void lifeline?.ended.then((reason) => stop(reason, true));
    // Handlers first, then the line: whoever waits for "listening" may signal at once.
    if (dashboard) io.out(`dashboard on ${dashboard.url.replace(/\/$/, '')}`);
    io.out(`listening on ${listener.url}`);
  });
}

/** How long a helper whose game is gone may take to stop its toys before it exits anyway. */
const LIFELINE_EXIT_MS = 800;

/** The lifeline `--stdin-lifeline` / `--parent-pid` ask for, if any. */
function lifelineOf(args: ServeArgs): Lifeline | undefined {
  if (!args.stdinLifeline && args.parentPid === undefined) return undefined;
  // The game may be gone already: a write to its closed pipes must not crash us before the toys stop.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  return watchLifeline({
    ...(args.stdinLifeline ? { stdin: process.stdin } : {}),
    ...(args.parentPid !== undefined
      ? { parent: args.parentPid }
      : args.stdinLifeline
        ? { parent: 'parent' as const }
        : {}),
  });
}
