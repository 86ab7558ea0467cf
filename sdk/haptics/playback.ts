import { BehaviorSubject, ReplaySubject, type Observable } from 'rxjs';
import type { Output } from '../client/output.js';
import { PlugkitError } from '../protocol/index.js';
import { tracksFor, type CompiledPattern, type CompiledTrack } from './evaluate.js';
import type { LoopCount } from './model.js';

/** Where a playing pattern is. */
export interface PlaybackProgress {
  /** Pattern ms played since the start (all iterations, after time scale). */
  timeMs: number;
  /** Current iteration, 0-based. */
  iteration: number;
  /** 0..1 of the whole playback; of the current iteration for patterns that loop forever. */
  fraction: number;
  paused: boolean;
}

/** Why a playback ended. */
export type PlaybackEndReason = 'finished' | 'stopped' | 'replaced' | 'stopAll';

/** A playing pattern, as returned by `client.haptics.play`. */
export interface PlaybackHandle {
  /** Ends the pattern; its outputs return to zero unless another pattern drives them. */
  stop(): void;
  /** Freezes pattern time; the pattern contributes nothing while paused. */
  pause(): void;
  /** Continues from where {@link pause} froze it. */
  resume(): void;
  /** Changes this playback's gain (0..10, multiplies intensity and rotation) at once. */
  setGain(gain: number): void;
  /** Progress, replaying the latest value; updated every ~50 ms while playing; completes at the end. */
  readonly progress$: Observable<PlaybackProgress>;
  /** Emits once why the playback ended, then completes (replays to late subscribers). */
  readonly done$: Observable<PlaybackEndReason>;
  /** Whether the playback has ended. */
  readonly ended: boolean;
}

/** @internal The engine's state of one playback. */
export class Playback implements PlaybackHandle {
  readonly iterations: number;
  readonly totalMs: number;
  gain: number;
  ended = false;
  private pausedAt: number | undefined;
  private pausedTotal = 0;
  private lastProgressAt = -Infinity;
  private readonly progress = new BehaviorSubject<PlaybackProgress>({
    timeMs: 0,
    iteration: 0,
    fraction: 0,
    paused: false,
  });
  private readonly done = new ReplaySubject<PlaybackEndReason>(1);
  readonly progress$ = this.progress.asObservable();
  readonly done$ = this.done.asObservable();
  /** Outputs this playback drives, with the tracks for each. */
  readonly outputs = new Map<Output, CompiledTrack[]>();

  constructor(
    readonly compiled: CompiledPattern,
    readonly seq: number,
    readonly priority: number,
    readonly channel: string | undefined,
    readonly startedAt: number,
    gain: number,
    loop: LoopCount | undefined,
    private readonly now: () => number,
    private readonly onChange: (p: Playback, end?: PlaybackEndReason) => void,
  ) {
    this.gain = gain;
    this.iterations = loop === undefined ? compiled.iterations : loop === 'forever' ? Infinity : loop;
    this.totalMs = compiled.iterationMs * this.iterations;
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** Binds an output (its index among same-type outputs of its device is `motor`). */
  bind(output: Output, motor: number): void {
    if (this.outputs.has(output)) return;
    const tracks = tracksFor(this.compiled, output.type, motor);
    if (tracks.length > 0) this.outputs.set(output, tracks);
  }

  /** Pattern ms (all iterations) at clock time `at`. */
  patternTime(at: number): number {
    const t = Math.min(at, this.pausedAt ?? at);
    return Math.max(0, t - this.startedAt - this.pausedTotal) * this.compiled.timeScale;
  }

  /** Time inside the current iteration for a pattern time, or undefined past the end. */
  iterationTime(p: number): { t: number; iteration: number } | undefined {
    if (p >= this.totalMs) return undefined;
    const len = this.compiled.iterationMs;
    if (len === Infinity) return { t: p, iteration: 0 };
    const iteration = Math.floor(p / len);
    return { t: p - iteration * len, iteration };
  }

  /** Updates progress and reports the natural end; called by the engine each tick. */
  update(now: number): void {
    if (this.ended) return;
    const p = this.patternTime(now);
    if (p >= this.totalMs) return this.end('finished');
    if (now - this.lastProgressAt >= 50) {
      this.lastProgressAt = now;
      this.progress.next(this.progressAt(p));
    }
  }

  private progressAt(p: number): PlaybackProgress {
    const len = this.compiled.iterationMs;
    const it = this.iterationTime(Math.min(p, this.totalMs));
    const iteration = it?.iteration ?? Math.max(0, this.iterations - 1);
    const fraction =
      this.totalMs === Infinity
        ? len === Infinity || len === 0
          ? 0
          : (it?.t ?? 0) / len
        : this.totalMs === 0
          ? 1
          : Math.min(1, p / this.totalMs);
    return { timeMs: p, iteration, fraction, paused: this.paused };
  }

  /** @internal Ends the playback with a reason (once). */
  end(reason: PlaybackEndReason): void {
    if (this.ended) return;
    this.ended = true;
    this.progress.next(this.progressAt(this.patternTime(this.now())));
    this.progress.complete();
    this.onChange(this, reason);
    this.done.next(reason);
    this.done.complete();
  }

  stop(): void {
    this.end('stopped');
  }

  pause(): void {
    if (this.ended || this.paused) return;
    this.pausedAt = this.now();
    this.progress.next(this.progressAt(this.patternTime(this.pausedAt)));
    this.onChange(this);
  }

  resume(): void {
    if (this.ended || this.pausedAt === undefined) return;
    this.pausedTotal += this.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.onChange(this);
  }

  setGain(gain: number): void {
    if (typeof gain !== 'number' || !Number.isFinite(gain) || gain < 0 || gain > 10)
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadGain',
        `setGain takes a number from 0 to 10; got ${String(gain)}.`,
      );
    this.gain = gain;
    this.onChange(this);
  }
}
