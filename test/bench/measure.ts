/** Shared measuring for `npm run bench`: sequential commands, per-command latency, throughput. */
import { performance } from 'node:perf_hooks';

/** BENCH_QUICK=1 runs everything small (a smoke test of the runner, not figures). */
export const QUICK = process.env['BENCH_QUICK'] === '1';
/** Commands measured per run, after {@link WARMUP} unmeasured ones. */
export const N = Number(process.env['BENCH_N'] ?? (QUICK ? 300 : 10_000));
export const WARMUP = Number(process.env['BENCH_WARMUP'] ?? (QUICK ? 50 : 1_000));
/** Interleaved rounds; each figure is the median over them. */
export const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 1 : 3));
/** The levels commands alternate between (a repeated level is, rightly, not written again). */
export const LEVELS = [0.25, 0.75] as const;

/** One run's figures. */
export interface Figures {
  perSecond: number;
  medianUs: number;
  p99Us: number;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export const median = (xs: readonly number[]): number =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/**
 * Runs `one(i)` WARMUP + n times in sequence (each awaited before the next) and times the
 * measured ones. `one` resolves when the command is complete: for in-process paths, once the
 * toy's write happened; over WebSocket, once the reply arrived.
 */
export async function sequential(one: (i: number) => Promise<unknown>, n = N): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await one(i);
  const lat = new Float64Array(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await one(WARMUP + i);
    lat[i] = performance.now() - t0;
  }
  return figuresOf(lat, performance.now() - start);
}

/** Throughput and latency quantiles of sequential commands: `latencies` in ms, over `elapsedMs`. */
export function figuresOf(latencies: ArrayLike<number>, elapsedMs: number): Figures {
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    perSecond: (sorted.length / elapsedMs) * 1000,
    medianUs: quantile(sorted, 0.5) * 1000,
    p99Us: quantile(sorted, 0.99) * 1000,
  };
}

/**
 * A latch for "the toy got its write": `arm()` before sending, `fire()` from the write hook;
 * `wait()` resolves once fired (at once if it already was).
 */
export function writeLatch(): { arm(): void; fire(): void; wait(): Promise<void> } {
  let fired = false;
  let resolve: (() => void) | undefined;
  return {
    arm() {
      fired = false;
      resolve = undefined;
    },
    fire() {
      fired = true;
      resolve?.();
    },
    wait() {
      return fired ? Promise.resolve() : new Promise<void>((r) => (resolve = r));
    },
  };
}

/** Median of each field over rounds. */
export function medianFigures(runs: readonly Figures[]): Figures {
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    medianUs: median(runs.map((r) => r.medianUs)),
    p99Us: median(runs.map((r) => r.p99Us)),
  };
}

/** Range "lo–hi" of a field over rounds, for the peers' spread. */
export const spread = (runs: readonly Figures[], f: (x: Figures) => number, digits = 0): string => {
  const xs = runs.map(f);
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};

/** Prints a markdown table. */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  console.log(`\n### ${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

export const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);
