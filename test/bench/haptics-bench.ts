/**
 * Haptics engine figures for `npm run bench`: scheduler jitter on the real clock, the CPU cost
 * of mixing, and the command rate of a game scene on BLE-paced toys. Prints; never fails.
 */
import { performance } from 'node:perf_hooks';
import { HapticsEngine, parsePattern, realClock, VirtualClock, type Clock } from '../../sdk/index.js';
import { FakeToys, minSpacing } from '../sdk/haptics/fake-toys.js';
import { quantile } from './measure.js';

type Row = Record<string, string | number>;

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A timestamping wrapper: the real clock, with `now()` from performance for sub-ms stamps. */
const stampedRealClock: Clock = { ...realClock, now: () => performance.now() };

/**
 * Real clock: one toy paced at `hz`, a 1 Hz saw over 1000 steps, so a new step is pending at every
 * slot and each send's plan is its slot: the previous send + the gap. Lateness = send time − plan
 * (a negative one would break the gap). The record is taken before the engine is disposed, whose
 * stop would be a send outside the plan. Optionally a busy loop blocks the event loop 3 ms of every
 * 5, as a heavy game frame does; no timer in JavaScript can fire inside such a block, so the row
 * also gives the scheduler's own share: lateness minus the time the loop was blocked between the
 * plan and the send.
 */
async function jitter(hz: number, busy: boolean, seconds: number): Promise<Row> {
  const toys = new FakeToys(stampedRealClock);
  const gap = 1000 / hz;
  const toy = toys.add('Bench toy', gap, [{ type: 'Vibrate', steps: 1000 }]);
  const engine = new HapticsEngine(toys, { clock: stampedRealClock, tickMs: 1 });
  const saw = parsePattern({
    version: 1,
    tracks: [{ waveform: { shape: 'saw', frequency: 1, duration: seconds * 1000 } }],
  });
  const blocks: [number, number][] = [];
  let blocker: ReturnType<typeof setInterval> | undefined;
  if (busy)
    blocker = setInterval(() => {
      const start = performance.now();
      const end = start + 3;
      while (performance.now() < end) {
        /* block the loop like a busy game frame */
      }
      blocks.push([start, performance.now()]);
    }, 5);
  engine.play(saw, { target: toy });
  await sleep(seconds * 1000 + 100);
  const sent = toys.to(toy).slice();
  if (blocker) clearInterval(blocker);
  engine.dispose();
  const late: number[] = [];
  const own: number[] = [];
  for (let i = 1; i < sent.length; i++) {
    const plan = sent[i - 1]!.at + gap;
    const at = sent[i]!.at;
    late.push(at - plan);
    // Time the loop spent blocked between the plan and the send is not the scheduler's.
    let blocked = 0;
    for (const [from, to] of blocks) blocked += Math.max(0, Math.min(to, at) - Math.max(from, plan));
    own.push(at - plan - blocked);
  }
  late.sort((x, y) => x - y);
  own.sort((x, y) => x - y);
  return {
    bench: 'scheduler jitter (real clock)',
    rate: `${hz} Hz`,
    loop: busy ? 'busy (3 ms of every 5)' : 'idle',
    sends: sent.length,
    'late p50 ms': round(quantile(late, 0.5)),
    'late p99 ms': round(quantile(late, 0.99)),
    'late max ms': round(late.at(-1) ?? NaN),
    'own p99 ms (after the loop was free)': busy ? round(quantile(own, 0.99)) : '',
    'early (gap broken)': late.filter((e) => e < -0.5).length,
  };
}

/** Lets every settled send's callbacks run (setImmediate drains the microtask queue). */
const drain = () => new Promise<void>((r) => setImmediate(r));

/** CPU of mixing 64 outputs × 8 patterns at 100 Hz on a virtual clock (10 s of pattern time). */
async function mixingCost(): Promise<Row> {
  const toys = new FakeToys();
  const devices = Array.from({ length: 64 }, (_, i) =>
    toys.add(`Toy ${i}`, 0, [{ type: 'Vibrate', steps: 100 }]),
  );
  const engine = new HapticsEngine(toys, { tickMs: 10 });
  const shapes = ['sine', 'square', 'triangle', 'saw', 'noise'] as const;
  for (let i = 0; i < 8; i++)
    engine.play(
      parsePattern({
        version: 1,
        loop: 'forever',
        tracks: [
          {
            waveform: {
              shape: shapes[i % 5]!,
              frequency: 1 + i,
              duration: 2000,
              envelope: { attack: 200, release: 300 },
            },
          },
          {
            keyframes: [
              { at: 0, value: 0 },
              { at: 700, value: 0.8, ease: 'easeInOut' },
              { at: 2000, value: 0.1 },
            ],
          },
        ],
      }),
      { target: devices, gain: 0.5 + i / 16 },
    );
  const seconds = 10;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let t = 0; t < seconds * 1000; t += 10) {
    toys.clock.advance(10);
    await drain();
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  engine.dispose();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    bench: 'mixing cost',
    setup: '64 outputs × 8 patterns, 100 Hz ticks',
    ticks: seconds * 100,
    'cpu ms per tick': round(cpuMs / (seconds * 100), 3),
    '% of one core': round((cpuMs / (seconds * 1000)) * 100, 1),
    'wall ms': round(wall, 0),
    commands: toys.sent.length,
  };
}

/** A 10-pattern game scene on 8 toys paced like BLE (75 ms), 30 s on a virtual clock. */
async function gameScene(): Promise<Row> {
  const toys = new FakeToys(new VirtualClock(0));
  const gap = 75;
  const devices = Array.from({ length: 8 }, (_, i) =>
    toys.add(`BLE toy ${i}`, gap, [
      { type: 'Vibrate', steps: 20 },
      { type: 'Vibrate', steps: 20 },
    ]),
  );
  toys.replyMs = 20; // a BLE write round trip
  const engine = new HapticsEngine(toys, { tickMs: 4 });
  const scene = [
    { waveform: { shape: 'sine', frequency: 0.5, duration: 30000, min: 0.1, amplitude: 0.4 } }, // engine hum
    { transients: Array.from({ length: 60 }, (_, i) => ({ at: i * 500, value: 1 })) }, // footsteps
    { waveform: { shape: 'noise', frequency: 8, duration: 30000, amplitude: 0.6 } }, // rumble
    {
      keyframes: [
        { at: 0, value: 0 },
        { at: 4000, value: 1, ease: 'easeIn' },
        { at: 5000, value: 0 },
      ],
      loop: 6,
    }, // charge-ups
    { transients: Array.from({ length: 150 }, (_, i) => ({ at: i * 200, value: 0.7 })), motor: 1 }, // gunfire
    { waveform: { shape: 'square', frequency: 2, duration: 30000, amplitude: 0.5 }, motor: 1 }, // alarm
    { waveform: { shape: 'triangle', frequency: 0.2, duration: 30000, amplitude: 0.8 } }, // waves
    { waveform: { shape: 'saw', frequency: 1, duration: 30000, amplitude: 0.3 }, motor: 0 }, // engine rev
    {
      keyframes: [
        { at: 0, value: 0.2 },
        { at: 15000, value: 0.9 },
        { at: 30000, value: 0.2 },
      ],
    }, // tension
    { transients: Array.from({ length: 10 }, (_, i) => ({ at: 1000 + i * 3000, value: 1, duration: 120 })) }, // explosions
  ];
  scene.forEach((track, i) =>
    engine.play(parsePattern({ version: 1, tracks: [track] }), {
      target: devices.filter((_, d) => (d + i) % 3 !== 0),
      priority: i % 3,
    }),
  );
  const seconds = 30;
  for (let t = 0; t < seconds * 1000; t += 4) {
    toys.clock.advance(4);
    await drain();
  }
  engine.dispose();
  let worst = Infinity;
  for (const d of devices) for (const f of [0, 1]) worst = Math.min(worst, minSpacing(toys.to(d, f)));
  return {
    bench: 'game scene (simulated BLE)',
    setup: '10 patterns, 8 toys × 2 motors, gap 75 ms, 20 ms replies',
    'commands/s (all toys)': round(toys.sent.length / seconds, 1),
    'commands/s per output': round(toys.sent.length / seconds / 16, 2),
    'limit per output': round(1000 / gap, 2),
    'smallest spacing ms': worst,
    'gap violations': worst < gap ? 'YES' : 0,
    'max in flight (all 16 outputs)': toys.maxInFlight,
  };
}

/** Runs every haptics benchmark; returns rows for a table. */
export async function hapticsBench(): Promise<Record<string, string | number>[]> {
  const rows: Row[] = [];
  for (const hz of [20, 50, 100]) for (const busy of [false, true]) rows.push(await jitter(hz, busy, 10));
  rows.push(await mixingCost());
  rows.push(await gameScene());
  return rows;
}
