/**
 * `npm run soak`: mixed load against a real `plugkit serve` (a child process of `node dist/cli.js
 * serve`) with 8 simulated toys, four of them with a BLE-like 75 ms message gap (set in a user
 * device config, as a user would). Prints, per 10 s bucket, the reply latency (p50, p99) and the
 * server's resident memory (VmRSS from /proc/PID/status), then the first and last bucket.
 *
 *   npm run soak -- --minutes 5 --rate 1000
 *   SOAK_MINUTES=5 npm run soak
 *
 * Not part of `npm test`: it runs for minutes and its figures depend on the machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    rate: { type: 'string' },
    'max-in-flight': { type: 'string' },
  },
});
const minutes = Number(values.minutes ?? process.env['SOAK_MINUTES'] ?? 1);
const rate = Number(values.rate ?? process.env['SOAK_RATE'] ?? 1000);
const maxInFlight = Number(values['max-in-flight'] ?? 2000);
if (!(minutes > 0) || !(rate > 0)) {
  console.error('soak: --minutes and --rate take positive numbers');
  process.exit(2);
}
const BUCKET_MS = 10_000;
const GAP_TOYS = 4;
const FAST_TOYS = 4;

/** A user device config adding 8 two-motor Aneros-protocol toys; the "Gap" ones pace writes 75 ms apart. */
const toy = (name: string, gap: boolean) => ({
  identifier: [name],
  name,
  id: name.toLowerCase().replaceAll(' ', '-'),
  ...(gap ? { message_gap_ms: 75 } : {}),
  features: [
    { index: 0, id: `${name}-0`, output: { vibrate: { value: [0, 127] } } },
    { index: 1, id: `${name}-1`, output: { vibrate: { value: [0, 127] } } },
  ],
});
const names = [
  ...Array.from({ length: GAP_TOYS }, (_, i) => `Soak Gap ${i + 1}`),
  ...Array.from({ length: FAST_TOYS }, (_, i) => `Soak Toy ${i + 1}`),
];
const userConfig = {
  version: { major: 4, minor: 0 },
  user_configs: {
    protocols: {
      aneros: {
        configurations: names.map((n) => toy(n, n.startsWith('Soak Gap'))),
        communication: [
          {
            btle: {
              names,
              services: {
                '0000ff00-0000-1000-8000-00805f9b34fb': { tx: '0000ff01-0000-1000-8000-00805f9b34fb' },
              },
            },
          },
        ],
      },
    },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'plugkit-soak-'));
const configFile = join(dir, 'user-config.json');
writeFileSync(configFile, JSON.stringify(userConfig));

const server = spawn(
  process.execPath,
  [
    'dist/cli.js',
    'serve',
    '--websocket-port',
    '0',
    '--log',
    'warn',
    '--user-device-config-file',
    configFile,
    ...names.flatMap((n) => ['--simulate', n]),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const serverExit = new Promise<number>((r) => server.on('exit', (code) => r(code ?? -1)));

const rssKb = (): number => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
};

const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  const t = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /listening on (ws:\/\/\S+)/.exec(out);
    if (m) {
      clearTimeout(t);
      resolve(m[1]!);
    }
  });
  server.once('exit', () => reject(new Error(`the server exited before listening:\n${out}`)));
});

type Message = Record<string, Record<string, unknown>>;
const ws = new WebSocket(url);
await new Promise<void>((resolve, reject) => {
  ws.once('open', () => resolve());
  ws.once('error', reject);
});

let nextId = 1;
const inFlight = new Map<number, number>();
let latencies: number[] = [];
let errors = 0;
let devices = 0;
let skipped = 0;
const waiters = new Map<number, (m: Message) => void>();

ws.on('message', (data) => {
  const now = performance.now();
  for (const m of JSON.parse(data.toString()) as Message[]) {
    const [kind, body] = Object.entries(m)[0]!;
    const Id = body['Id'] as number;
    if (kind === 'DeviceList' && Id === 0)
      devices = Object.keys((body['Devices'] as Record<string, unknown>) ?? {}).length;
    if (Id === 0) continue;
    if (kind === 'Error') errors++;
    const sent = inFlight.get(Id);
    if (sent !== undefined) {
      inFlight.delete(Id);
      latencies.push(now - sent);
    }
    waiters.get(Id)?.(m);
    waiters.delete(Id);
  }
});

const ask = (message: Message): Promise<Message> => {
  const Id = nextId++;
  const [name, body] = Object.entries(message)[0]!;
  return new Promise((resolve) => {
    waiters.set(Id, resolve);
    ws.send(JSON.stringify([{ [name]: { ...body, Id } }]));
  });
};

await ask({ RequestServerInfo: { ClientName: 'soak', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 } });
await ask({ StartScanning: {} });
for (let i = 0; i < 300 && devices < names.length; i++) await new Promise((r) => setTimeout(r, 100));
if (devices < names.length) throw new Error(`only ${devices} of ${names.length} toys appeared`);

/** One message of the mix: mostly outputs, some stops, device lists and pings. */
const pick = (): Message => {
  const r = Math.random();
  const DeviceIndex = Math.floor(Math.random() * names.length);
  if (r < 0.85)
    return {
      OutputCmd: {
        DeviceIndex,
        FeatureIndex: Math.floor(Math.random() * 2),
        Command: { Vibrate: { Value: Math.floor(Math.random() * 128) } },
      },
    };
  if (r < 0.9) return { StopCmd: { DeviceIndex } };
  if (r < 0.95) return { RequestDeviceList: {} };
  return { Ping: {} };
};

const send = (count: number): void => {
  // Sometimes several messages in one frame, as a pattern player does.
  let left = count;
  while (left > 0) {
    const n = Math.min(left, Math.random() < 0.2 ? 1 + Math.floor(Math.random() * 8) : 1);
    left -= n;
    const frame: Message[] = [];
    for (let i = 0; i < n; i++) {
      if (inFlight.size >= maxInFlight) {
        skipped++;
        continue;
      }
      const Id = nextId++;
      const [name, body] = Object.entries(pick())[0]!;
      frame.push({ [name]: { ...body, Id } });
      inFlight.set(Id, performance.now());
    }
    if (frame.length) ws.send(JSON.stringify(frame));
  }
};

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

interface Bucket {
  at: number;
  replies: number;
  p50: number;
  p99: number;
  rssMb: number;
}
const buckets: Bucket[] = [];
const TICK_MS = 10;
const start = performance.now();
const end = start + minutes * 60_000;
let sentSoFar = 0;
let bucketStart = start;
console.log(
  `soak: ${minutes} min at ${rate} messages/s against ${url} (server pid ${server.pid}), ` +
    `${names.length} toys (${GAP_TOYS} with a 75 ms message gap)`,
);
console.log('   t(s)   replies   p50(ms)   p99(ms)   RSS(MB)');
while (performance.now() < end) {
  await new Promise((r) => setTimeout(r, TICK_MS));
  const now = performance.now();
  const due = Math.floor(((now - start) / 1000) * rate) - sentSoFar;
  if (due > 0) {
    send(due);
    sentSoFar += due;
  }
  if (now - bucketStart >= BUCKET_MS || (now >= end && now - bucketStart >= BUCKET_MS / 2)) {
    const sorted = latencies.sort((a, b) => a - b);
    const b: Bucket = {
      at: Math.round((now - start) / 1000),
      replies: sorted.length,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      rssMb: rssKb() / 1024,
    };
    buckets.push(b);
    console.log(
      `${String(b.at).padStart(7)} ${String(b.replies).padStart(9)} ${b.p50.toFixed(2).padStart(9)} ` +
        `${b.p99.toFixed(2).padStart(9)} ${b.rssMb.toFixed(1).padStart(9)}`,
    );
    latencies = [];
    bucketStart = now;
  }
}

await ask({ StopCmd: {} });
ws.close();
server.kill('SIGTERM');
const code = await serverExit;
rmSync(dir, { recursive: true, force: true });

const first = buckets[0];
const last = buckets[buckets.length - 1];
if (first && last)
  console.log(
    `first bucket: p99 ${first.p99.toFixed(2)} ms, RSS ${first.rssMb.toFixed(1)} MB; ` +
      `last bucket: p99 ${last.p99.toFixed(2)} ms, RSS ${last.rssMb.toFixed(1)} MB; ` +
      `${errors} Error replies, ${skipped} messages skipped (over ${maxInFlight} in flight); server exit ${code}`,
  );
process.exitCode = code === 0 ? 0 : 1;
