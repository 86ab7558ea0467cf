/**
 * A small Node game loop that ships with the plugkit executable beside it. It connects to toys
 * through the first of, in order:
 *   1. the embedded server (in this process; skip it with --no-embedded, as a game bundled
 *      without plugkit's server and its native addons would),
 *   2. a server already running on ws://127.0.0.1:12345 (Intiface Central, or plugkit serve),
 *   3. the plugkit-server helper beside the game, started on demand and tied to this process.
 * Then it plays 3 seconds of "explosions" (a jolt that decays every frame) on every toy.
 *
 *   npm run build && npm run build:sea
 *   node dist/samples/single-binary-game/game.js --no-embedded --helper dist/sea/plugkit-server
 *
 * In a game of your own, import from 'plugkit' and 'plugkit/server' instead of the repo paths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, websocketTransport, type Device, type Transport } from '../../runtimes/node/index.js';
import { embedded, spawnedTransport } from '../../server-embedded/index.js';

const { values: opts } = parseArgs({
  options: {
    'no-embedded': { type: 'boolean', default: false },
    intiface: { type: 'string', default: 'ws://127.0.0.1:12345' },
    helper: { type: 'string' },
    frames: { type: 'string', default: '90' },
  },
});

/** The helper ships in the game's folder: beside the game's executable, or beside this script. */
const exe = process.platform === 'win32' ? 'plugkit-server.exe' : 'plugkit-server';
const helper =
  opts.helper ??
  [dirname(process.execPath), dirname(fileURLToPath(import.meta.url))]
    .map((dir) => join(dir, exe))
    .find((p) => existsSync(p));

const transports: Transport[] = [];
if (!opts['no-embedded']) transports.push(embedded({ simulate: ['Massage Demo'], log: 'off' }));
// A short timeout: when nothing listens locally the answer comes at once anyway.
transports.push(websocketTransport(opts.intiface, { connectTimeoutMs: 1000 }));
// The demo toy is simulated so the sample runs anywhere; a real game passes --use-bluetooth-le, --use-hid, ...
if (helper) transports.push(spawnedTransport({ executable: helper, args: ['--simulate', 'Massage Demo'] }));

const client = await connect({ name: 'single-binary-game', transports, reconnect: false });
console.log(`connected through ${client.transportDescription}`);

await client.startScanning();
await new Promise((r) => setTimeout(r, 300)); // a short scan: the simulated toy answers at once
await client.stopScanning().catch(() => {}); // some servers finish scanning on their own
const toys: readonly Device[] = client.devices;
console.log(`toys: ${toys.map((t) => t.name).join(', ') || 'none'}`);

// The game loop: 30 frames a second, an explosion every second, felt as a decaying jolt.
const FRAME_MS = 1000 / 30;
let jolt = 0;
for (let frame = 0; frame < Number(opts.frames); frame++) {
  if (frame % 30 === 0) jolt = 1;
  jolt *= 0.85;
  // Toys take few distinct levels; sending every frame is fine, equal values are not re-sent.
  await Promise.all(toys.map((t) => t.vibrate(Math.round(jolt * 20) / 20)));
  await new Promise((r) => setTimeout(r, FRAME_MS));
}

await client.stopAll();
await client.disconnect(); // a spawned helper stops its toys and exits with the connection
console.log('game over');
