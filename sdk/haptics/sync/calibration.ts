import type { Clock } from '../../clock/clock.js';

/** Result of {@link measureRoundTrip}. */
export interface RoundTrip {
  /** Trimmed mean of the round trips, ms. */
  roundTripMs: number;
  /** Spread of the kept samples (max − min), ms. */
  jitterMs: number;
  /** Samples kept after dropping warm-ups and the extremes. */
  samples: number;
  /**
   * Suggested per-device latency to store: half the round trip (the command's way there; the
   * reply's way back does not delay the toy).
   */
  suggestedLatencyMs: number;
}

/** Options of {@link measureRoundTrip}. */
export interface RoundTripOptions {
  /** Measured commands (after warm-up). Default 20. */
  samples?: number;
  /** Commands sent first and not counted (connection and queue warm-up). Default 2. */
  warmup?: number;
  /** Samples dropped at each end before averaging. Default: 10 % of `samples`. */
  trim?: number;
  /** Pause between commands, so the device's message gap never holds one back. Default 120 ms. */
  spacingMs?: number;
}

/**
 * Measures a device's command round trip: times `command()` (e.g. a small vibrate or a
 * zero-length move, answered by the server once it has handled the command) `warmup + samples`
 * times on `clock`, drops the extremes and averages. Keep `command` harmless: it is really sent.
 */
export async function measureRoundTrip(
  command: () => Promise<void>,
  clock: Clock,
  options: RoundTripOptions = {},
): Promise<RoundTrip> {
  const samples = Math.max(1, Math.floor(options.samples ?? 20));
  const warmup = Math.max(0, Math.floor(options.warmup ?? 2));
  const trim = Math.min(Math.floor((samples - 1) / 2), Math.max(0, Math.floor(options.trim ?? samples / 10)));
  const spacing = options.spacingMs ?? 120;
  const times: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const start = clock.now();
    await command();
    if (i >= warmup) times.push(clock.now() - start);
    await new Promise<void>((resolve) => clock.schedule(spacing, resolve));
  }
  const kept = [...times].sort((a, b) => a - b).slice(trim, times.length - trim);
  const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
  return {
    roundTripMs: mean,
    jitterMs: kept[kept.length - 1]! - kept[0]!,
    samples: kept.length,
    suggestedLatencyMs: mean / 2,
  };
}

/**
 * Per-device latency offsets (ms) an app persists between runs: `toJSON()` gives a plain object
 * to save, `CalibrationStore.from(saved)` restores it (bad entries are dropped, not thrown).
 * Keys are whatever identifies a toy to the app; {@link calibrationKey} gives a default.
 */
export class CalibrationStore {
  private readonly entries = new Map<string, number>();

  /** The stored offset for a device, if any. */
  get(key: string): number | undefined {
    return this.entries.get(key);
  }

  /** Stores an offset (clamped to −3000…3000 ms, rounded to 1 ms). */
  set(key: string, latencyMs: number): void {
    if (!Number.isFinite(latencyMs)) return;
    this.entries.set(key, Math.round(Math.min(3000, Math.max(-3000, latencyMs))));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.entries);
  }

  /** Restores a store saved with {@link toJSON}; entries that are not numbers are skipped. */
  static from(saved: unknown): CalibrationStore {
    const store = new CalibrationStore();
    if (typeof saved === 'object' && saved !== null)
      for (const [k, v] of Object.entries(saved)) if (typeof v === 'number') store.set(k, v);
    return store;
  }
}

/** A default store key for a device: its database name plus the user's name for it. */
export const calibrationKey = (device: { name: string; displayName: string }): string =>
  device.displayName === device.name ? device.name : `${device.name} (${device.displayName})`;

/** The parts of a client `Output` calibration drives. */
export interface CalibratableOutput {
  readonly type: string;
  readonly steps: number;
  set(level: number): Promise<void>;
  moveTo(position: number, durationMs: number): Promise<void>;
}

/**
 * Measures one output's round trip with harmless commands (alternating off and the smallest
 * step, or tiny moves around the middle for strokers, so the server's repeat filter never
 * swallows one), leaves it off (or centred), and stores the suggested latency under `key`.
 */
export async function calibrateOutput(
  output: CalibratableOutput,
  clock: Clock,
  store: CalibrationStore,
  key: string,
  options: RoundTripOptions = {},
): Promise<RoundTrip> {
  const stroker = output.type === 'HwPositionWithDuration';
  const small = 1 / Math.max(1, output.steps);
  let flip = false;
  const command = () => {
    flip = !flip;
    return stroker ? output.moveTo(flip ? 0.5 + small : 0.5, 0) : output.set(flip ? small : 0);
  };
  try {
    const result = await measureRoundTrip(command, clock, options);
    store.set(key, result.suggestedLatencyMs);
    return result;
  } finally {
    await (stroker ? output.moveTo(0.5, 0) : output.set(0)).catch(() => {});
  }
}
