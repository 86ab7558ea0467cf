/**
 * A command-line plugkit program: connect, scan for a bounded time while showing progress,
 * list every toy with its outputs, vibrate each one briefly, stop them all and exit.
 *   npm run build && node dist/samples/node-cli/main.js [ws://host:port] [--scan-ms N]
 * Without a URL it runs an embedded server with a simulated toy ("Massage Demo").
 */
import { connect, websocketTransport, type Device, type Transport } from '../../sdk/index.js';
import { WebSocket } from 'ws';
import { embedded } from '../../server-embedded/index.js';

interface Args {
  url: string | undefined;
  scanMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { url: undefined, scanMs: 3000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--scan-ms') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 60_000)
        throw new Error(`--scan-ms wants whole milliseconds from 0 to 60000; got ${argv[i] ?? 'nothing'}`);
      args.scanMs = value;
    } else if (/^wss?:\/\//.test(arg)) args.url = arg;
    else throw new Error(`unknown argument ${arg}; usage: main.js [ws://host:port] [--scan-ms N]`);
  }
  return args;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The scan's progress: a spinner rewritten in place on a terminal, plain lines otherwise. */
function progress(found: () => Device[]): { stop(): void; added(d: Device): void } {
  const tty = process.stdout.isTTY === true;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  const draw = (): void => {
    const names = found().map((d) => d.displayName);
    process.stdout.write(
      `\r${frames[frame++ % frames.length]} scanning… ${names.length} found${names.length ? `: ${names.join(', ')}` : ''}\x1b[K`,
    );
  };
  const timer = tty ? setInterval(draw, 100) : undefined;
  if (!tty) console.log('scanning…');
  return {
    added(d) {
      if (tty) draw();
      else console.log(`  + ${d.displayName}`);
    },
    stop() {
      if (timer) clearInterval(timer);
      if (tty) process.stdout.write('\r\x1b[K');
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const transport: Transport = args.url
    ? // Node 20 has no global WebSocket: hand it the one from the ws package.
      websocketTransport(args.url, { WebSocket: globalThis.WebSocket ?? WebSocket })
    : embedded({ simulate: ['Massage Demo'], log: 'off' });
  const client = await connect({
    name: 'plugkit node-cli sample',
    transports: [transport],
    reconnect: false,
  });
  console.log(`connected to ${client.serverName} (spec v${client.specVersion})`);
  try {
    const devices = new Map<number, Device>();
    const shown = progress(() => [...devices.values()]);
    const sub = client.deviceAdded$.subscribe((d) => {
      if (devices.has(d.index)) return;
      devices.set(d.index, d);
      shown.added(d);
    });
    await client.startScanning();
    await sleep(args.scanMs);
    shown.stop();
    sub.unsubscribe();
    // Some servers end the scan on their own; a refusal to stop one that already ended is no failure.
    await client.stopScanning().catch(() => undefined);

    const list = [...devices.values()].filter((d) => d.available);
    console.log(`scan done: ${list.length} device${list.length === 1 ? '' : 's'}`);
    if (list.length === 0) {
      console.log('no toys found: switch one on (or pass --scan-ms with a longer time) and try again');
      return 1;
    }
    for (const d of list) {
      const outputs = d.outputs().map((o) => `${o.type} 0..${o.steps}`);
      console.log(`[${d.index}] ${d.displayName}: ${outputs.join(', ') || 'no outputs'}`);
    }
    for (const d of list) {
      if (d.outputs('Vibrate').length === 0) {
        console.log(`${d.displayName}: no Vibrate output, skipped`);
        continue;
      }
      await d.vibrate(0.5);
      console.log(`${d.displayName}: vibrating at 0.5`);
      await sleep(500);
      await d.stop();
      console.log(`${d.displayName}: stopped`);
    }
    return 0;
  } finally {
    await client.stopAll().catch(() => undefined);
    await client.disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  },
);
