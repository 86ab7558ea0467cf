import { PlugkitServer } from '../server/server.js';
import { listenWebSocket } from '../transport/websocket-server.js';
import { consoleLogger } from '../log.js';
import type { ServeArgs } from './args.js';
import type { HardwareBackend } from '../hardware/types.js';
import { legacyAdapters } from '../compat/index.js';
import { requestedBackends } from '../hardware/catalog.js';

/** Runs `plugkit serve` until SIGINT/SIGTERM; resolves with the exit code. */
export async function serve(args: ServeArgs, out: (line: string) => void): Promise<number> {
  const log = consoleLogger(args.log);
  const backends: HardwareBackend[] = [];
  for (const r of await requestedBackends(args, log)) {
    out(`${r.name}: ${r.backend ? `active${r.note ? ` (${r.note})` : ''}` : `unavailable — ${r.reason}`}`);
    if (r.backend) backends.push(r.backend);
  }
  let server: PlugkitServer;
  try {
    server = await PlugkitServer.create({
      ...(args.serverName !== undefined ? { name: args.serverName } : {}),
      ...(args.maxPingTime !== undefined ? { maxPingTime: args.maxPingTime } : {}),
      ...(args.maxSpecVersion !== undefined ? { maxSpecVersion: args.maxSpecVersion } : {}),
      allowRawMessages: args.allowRawMessages,
      ...(args.deviceConfigFile !== undefined ? { deviceConfigFile: args.deviceConfigFile } : {}),
      ...(args.userDeviceConfigFile !== undefined
        ? { userDeviceConfigFiles: [args.userDeviceConfigFile] }
        : {}),
      simulate: args.simulate,
      backends,
      adapters: legacyAdapters,
      log,
    });
  } catch (err) {
    // Backends already hold ports/handles; release them so the process can exit.
    await Promise.all(backends.map((b) => b.close().catch(() => {})));
    throw err;
  }
  let listener;
  try {
    listener = await listenWebSocket(server, {
      port: args.websocketPort ?? 12345,
      host: args.allInterfaces ? '0.0.0.0' : '127.0.0.1',
    });
  } catch (err) {
    await server.close();
    throw err;
  }
  for (const d of server.simulated.devices)
    out(`simulated: "${d.name}" (${d.address}) — found when a client scans`);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log('info', `${signal}: stopping every device and shutting down`);
      await server.close();
      await listener.close();
      out('stopped: all devices stopped');
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    // Handlers first, then the line: whoever waits for "listening" may signal at once.
    out(`listening on ${listener.url}`);
  });
}
