/**
 * Sync accuracy on the VirtualClock: when a simulated stroker arrives at each action (send +
 * latency + duration) vs when the simulated media clock reaches it, for media sources reporting
 * every frame, every 250 ms and every second (with timing and value jitter), and the drift after
 * one simulated hour at 1.0× and 1.5× against a media clock running 50 ppm fast. Returns table
 * rows; `npm run bench` prints them. Targets (issue 14): mean ≤ 5 ms and p99 ≤ 20 ms per frame,
 * p99 ≤ 25 ms at 1 Hz, drift ≤ 5 ms after an hour.
 */
import { ScriptSync, VirtualClock, parseFunscript, scriptSetOf } from '../../sdk/index.js';
import { RecordingTarget, SimMedia, arrivalErrors, strokes } from '../sdk/haptics/sync/sim.js';

const LATENCY = 80;
const GAP = 50;

interface Case {
  name: string;
  intervalMs: number;
  timingJitterMs: number;
  valueJitterMs: number;
  durationMs: number;
  rate: number;
  drift: number;
  /** Arrivals measured: from `measureFromMs` of local time on. */
  measureFromMs: number;
  target: string;
}

const round = (v: number) => Math.round(v * 100) / 100;

function runCase(c: Case): Record<string, string | number> {
  const clock = new VirtualClock(0);
  const script = strokes(400, 0, c.durationMs * c.rate + 10_000);
  const times = script.actions.map((a) => a.at);
  const media = new SimMedia(clock, c.intervalMs, c.timingJitterMs, c.valueJitterMs, 0, c.drift);
  media.rate = c.rate;
  const target = new RecordingTarget(clock, 'position', GAP, LATENCY);
  const sync = new ScriptSync(scriptSetOf(parseFunscript(script)), {
    clock$: media.report$,
    clock,
    targets: [target],
    softStartMs: 0,
  });
  media.start();
  clock.advance(c.durationMs);
  void sync.stop();
  media.end();
  const errs = arrivalErrors(target.after(c.measureFromMs), LATENCY, times, media);
  const abs = errs.map(Math.abs).sort((a, b) => a - b);
  const p99 = abs[Math.min(abs.length - 1, Math.floor(0.99 * abs.length))] ?? NaN;
  return {
    case: c.name,
    reportsEveryMs: c.intervalMs,
    jitter: `±${c.timingJitterMs} ms timing, ±${c.valueJitterMs} ms value`,
    rate: c.rate,
    strokes: errs.length,
    meanErrorMs: round(errs.reduce((s, e) => s + e, 0) / errs.length),
    meanAbsErrorMs: round(abs.reduce((s, e) => s + e, 0) / abs.length),
    p99AbsErrorMs: round(p99),
    target: c.target,
  };
}

/** Runs every case; one row each. */
export async function syncBench(): Promise<Record<string, string | number>[]> {
  const minute = 60_000;
  const hour = 60 * minute;
  const cases: Case[] = [
    {
      name: 'per frame',
      intervalMs: 16,
      timingJitterMs: 4,
      valueJitterMs: 2,
      durationMs: 5 * minute,
      rate: 1,
      drift: 0,
      measureFromMs: 10_000,
      target: 'mean ≤ 5, p99 ≤ 20',
    },
    {
      name: '250 ms poll',
      intervalMs: 250,
      timingJitterMs: 50,
      valueJitterMs: 20,
      durationMs: 5 * minute,
      rate: 1,
      drift: 0,
      measureFromMs: 30_000,
      target: '—',
    },
    {
      name: '1 Hz push',
      intervalMs: 1000,
      timingJitterMs: 100,
      valueJitterMs: 100,
      durationMs: 10 * minute,
      rate: 1,
      drift: 0,
      measureFromMs: 30_000,
      target: 'p99 ≤ 25',
    },
    {
      name: 'drift 1 h @1.0×',
      intervalMs: 250,
      timingJitterMs: 50,
      valueJitterMs: 20,
      durationMs: hour,
      rate: 1,
      drift: 50e-6,
      measureFromMs: hour - minute,
      target: 'mean ≤ 5 in the last minute',
    },
    {
      name: 'drift 1 h @1.5×',
      intervalMs: 250,
      timingJitterMs: 50,
      valueJitterMs: 20,
      durationMs: hour,
      rate: 1.5,
      drift: 50e-6,
      measureFromMs: hour - minute,
      target: 'mean ≤ 5 in the last minute',
    },
  ];
  return cases.map(runCase);
}
