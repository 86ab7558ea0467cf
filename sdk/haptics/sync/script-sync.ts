import { AsyncSubject, Subject, type Observable, type Subscription } from 'rxjs';
import type { Clock, Timer } from '../../clock/clock.js';
import { PlugkitError } from '../../protocol/errors.js';
import { AXES, type AxisId } from '../funscript/axes.js';
import type { ScriptTrack } from '../funscript/parse.js';
import type { ScriptSet } from '../funscript/script-set.js';
import { valueAt } from './keyframes.js';
import {
  MediaClockTracker,
  type MediaClockEvent,
  type MediaClockOptions,
  type MediaReport,
} from './media-clock.js';
import { planStroke } from './stroke-planner.js';
import { vibrationAt, vibrationModeOf, type VibrationMode } from './stroke-to-vibration.js';
import type { SyncTarget } from './target.js';

/** A target and the script axis it plays (default: L0 for strokers; V0, else L0, for vibrators). */
export interface SyncBinding {
  target: SyncTarget;
  axis?: AxisId;
}

/** Options of {@link ScriptSync}. */
export interface ScriptSyncOptions {
  /** Reports of the media clock: every frame or every 200–1000 ms. Completing it ends the sync. */
  clock$: Observable<MediaReport>;
  /** Local time (the real clock, or a VirtualClock in tests). */
  clock: Clock;
  /** What to drive. */
  targets: readonly (SyncTarget | SyncBinding)[];
  /** Shifts the script: > 0 acts later, < 0 earlier. −3000…3000 ms, 1 ms steps. Default 0. */
  offsetMs?: number;
  /** Output range `[min, max]` within 0..1 that script values are mapped into. Default [0, 1]. */
  range?: readonly [number, number];
  /** Stroke speed limit in full ranges per second (also bounded by each target's `maxSpeed`). */
  speedLimit?: number;
  /** Stroke → vibration mode for intensity targets on a stroke axis; default: the script's metadata, else `speed`. */
  mode?: VibrationMode;
  /** Soft start after start, resume and seek: the motion ramps in over this long. 0…4000 ms, default 1000. */
  softStartMs?: number;
  /** Tuning of the media clock (seek threshold, slew, filter). */
  media?: MediaClockOptions;
}

/** One progress report: the sync's view of the media clock. */
export interface SyncProgress {
  /** The local (extrapolated, slewed) media position, ms. */
  positionMs: number;
  /** Script time the toys act on now (position − offset), ms. */
  scriptMs: number;
  playing: boolean;
  rate: number;
  /** What the latest report did. */
  event: MediaClockEvent;
}

/** The handle of a running sync (like a pattern player's). */
export interface SyncHandle {
  /** Stops for good: outputs stopped, clock$ released, `done$` emits. */
  stop(): Promise<void>;
  /** Stops the outputs while the media keeps going; {@link resume} picks up with a soft start. */
  pause(): void;
  resume(): void;
  /** Changes the offset live (−3000…3000 ms); the next command uses it, nothing jumps. */
  setOffset(offsetMs: number): void;
  readonly offsetMs: number;
  /** One value per media report. */
  readonly progress$: Observable<SyncProgress>;
  /** Emits once (then completes) when the sync has ended. */
  readonly done$: Observable<void>;
  /** Errors from sending to a target (the sync keeps going). */
  readonly error$: Observable<unknown>;
}

interface Runner {
  target: SyncTarget;
  track: ScriptTrack;
  /** How script values become target values. */
  convert: 'direct' | 'vibration';
  timer?: Timer | undefined;
  lastSendAt: number;
  lastValue?: number | undefined;
  /** Device model for strokers: moving from `from` (at local `start`) to `to` over `duration`. */
  from: number;
  to: number;
  start: number;
  duration: number;
  /** Script time the current stroke aims at. */
  aimAt?: number | undefined;
  ended: boolean;
}

const invalid = (reason: string, message: string) => new PlugkitError('INVALID_ARGUMENT', reason, message);

function checkOffset(ms: number): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < -3000 || ms > 3000)
    throw invalid('OutOfRange', `offsetMs must be from -3000 to 3000; got ${String(ms)}.`);
  return Math.round(ms);
}

/**
 * Plays a script set on targets in step with a media clock. Strokers get "move to the next
 * keyframe over the remaining time", sent early by the target's latency and paced by its gap;
 * vibrators are sampled once per gap. Seeks, pauses, rate changes and offsets are handled as
 * described in docs/sync.md. Starts listening to `clock$` at once.
 */
export class ScriptSync implements SyncHandle {
  private readonly tracker: MediaClockTracker;
  private readonly clock: Clock;
  private readonly runners: Runner[];
  private readonly range: readonly [number, number];
  private readonly speedLimit: number | undefined;
  private readonly mode: VibrationMode;
  private readonly softStartMs: number;
  private readonly progress = new Subject<SyncProgress>();
  private readonly done = new AsyncSubject<void>();
  private readonly errors = new Subject<unknown>();
  private readonly subscription: Subscription;
  private offset: number;
  private userPaused = false;
  private stopped = false;
  private rampStart = -Infinity;

  readonly progress$: Observable<SyncProgress> = this.progress.asObservable();
  readonly done$: Observable<void> = this.done.asObservable();
  readonly error$: Observable<unknown> = this.errors.asObservable();

  constructor(script: ScriptSet, options: ScriptSyncOptions) {
    this.clock = options.clock;
    this.offset = checkOffset(options.offsetMs ?? 0);
    const range = options.range ?? [0, 1];
    if (!(range[0] >= 0 && range[1] <= 1 && range[0] <= range[1]))
      throw invalid(
        'OutOfRange',
        `range must be [min, max] with 0 ≤ min ≤ max ≤ 1; got [${range.join(', ')}].`,
      );
    this.range = range;
    if (options.speedLimit !== undefined && !(options.speedLimit > 0))
      throw invalid(
        'OutOfRange',
        `speedLimit must be > 0 (full ranges per second); got ${options.speedLimit}.`,
      );
    this.speedLimit = options.speedLimit;
    const soft = options.softStartMs ?? 1000;
    if (!(soft >= 0 && soft <= 4000))
      throw invalid('OutOfRange', `softStartMs must be from 0 to 4000; got ${String(soft)}.`);
    this.softStartMs = soft;
    this.mode = options.mode ?? vibrationModeOf(script.metadata) ?? 'speed';
    if (options.targets.length === 0) throw invalid('NoTargets', 'sync needs at least one target.');
    this.runners = options.targets.map((t) => this.runnerFor(script, 'target' in t ? t : { target: t }));
    this.tracker = new MediaClockTracker(options.media);
    this.subscription = options.clock$.subscribe({
      next: (r) => this.onReport(r),
      error: (err) => {
        this.errors.next(err);
        void this.stop();
      },
      complete: () => void this.stop(),
    });
  }

  get offsetMs(): number {
    return this.offset;
  }

  setOffset(offsetMs: number): void {
    this.offset = checkOffset(offsetMs);
    // Only the timing of the next command moves; the current stroke finishes as sent.
    for (const r of this.runners) if (r.target.kind === 'position' && r.timer) this.wakeForAim(r);
  }

  pause(): void {
    if (this.userPaused || this.stopped) return;
    this.userPaused = true;
    this.haltAll();
  }

  resume(): void {
    if (!this.userPaused || this.stopped) return;
    this.userPaused = false;
    this.restart();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription?.unsubscribe();
    for (const r of this.runners) r.timer?.cancel();
    await Promise.all(this.runners.map((r) => this.halt(r, true)));
    this.progress.complete();
    this.done.next();
    this.done.complete();
  }

  private runnerFor(script: ScriptSet, binding: SyncBinding): Runner {
    const { target } = binding;
    const axis = binding.axis ?? (target.kind === 'intensity' && script.tracks.V0 ? 'V0' : 'L0');
    const track = script.tracks[axis];
    if (!track)
      throw invalid(
        'NoSuchAxis',
        `The script has no ${axis} (${AXES[axis].name}) track; it has ${Object.keys(script.tracks).join(', ') || 'none'}.`,
      );
    const strokeAxis = AXES[axis].kind === 'linear' || AXES[axis].kind === 'rotation';
    const rest = AXES[axis].rest;
    return {
      target,
      track,
      convert: target.kind === 'intensity' && strokeAxis ? 'vibration' : 'direct',
      lastSendAt: -Infinity,
      from: rest,
      to: rest,
      start: 0,
      duration: 0,
      ended: false,
    };
  }

  private onReport(report: MediaReport): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const event = this.tracker.report(report, now);
    const positionMs = this.tracker.positionAt(now);
    this.progress.next({
      positionMs,
      scriptMs: positionMs - this.offset,
      playing: this.tracker.playing,
      rate: this.tracker.rate,
      event,
    });
    if (this.userPaused) return;
    switch (event) {
      case 'lock':
      case 'resume':
      case 'seek':
        if (this.tracker.playing) this.restart();
        else this.haltAll();
        break;
      case 'pause':
        this.haltAll();
        break;
      case 'rate':
        // Durations in flight were computed for the old rate: re-plan at the next slot.
        for (const r of this.runners) this.kick(r);
        break;
      default:
        for (const r of this.runners) if (r.target.kind === 'position' && r.timer) this.wakeForAim(r);
    }
  }

  /** Starts every runner afresh (after lock, seek, resume) with a soft start. */
  private restart(): void {
    if (!this.tracker.playing) return;
    this.rampStart = this.clock.now();
    for (const r of this.runners) {
      r.ended = false;
      r.aimAt = undefined;
      this.kick(r);
    }
  }

  /** Runs a runner's tick at its next free slot. */
  private kick(r: Runner): void {
    r.timer?.cancel();
    const now = this.clock.now();
    r.timer = this.clock.schedule(Math.max(0, r.lastSendAt + r.target.gapMs - now), () => this.tick(r));
  }

  private tick(r: Runner): void {
    r.timer = undefined;
    if (this.stopped || this.userPaused || !this.tracker.playing) return;
    if (r.target.kind === 'position') this.tickStroke(r);
    else this.tickLevel(r);
  }

  private ramp(effectAt: number): number {
    if (this.softStartMs === 0) return 1;
    return Math.min(1, Math.max(0, (effectAt - this.rampStart) / this.softStartMs));
  }

  private toRange(v: number): number {
    return this.range[0] + v * (this.range[1] - this.range[0]);
  }

  private tickStroke(r: Runner): void {
    const now = this.clock.now();
    const effectAt = now + r.target.latencyMs;
    const scriptMs = this.tracker.positionAt(effectAt) - this.offset;
    const from = this.modelAt(r, effectAt);
    const f = this.ramp(effectAt);
    const limits = [this.speedLimit, r.target.maxSpeed].filter((v): v is number => v !== undefined);
    const move = planStroke({
      keyframes: r.track.keyframes,
      scriptMs,
      rate: this.tracker.rate,
      from,
      ...(limits.length ? { speedLimit: Math.min(...limits) } : {}),
      shape: (v) => this.toRange(0.5 + (v - 0.5) * f),
    });
    if (!move) {
      r.ended = true; // past the end: hold where it is; a seek back re-plans
      return;
    }
    this.send(r, move.value, Math.max(0, Math.round(move.durationMs)));
    Object.assign(r, { from, to: move.value, start: effectAt, duration: move.durationMs });
    r.aimAt = r.track.keyframes[move.keyframeIndex]!.at;
    this.wakeForAim(r);
  }

  /** Schedules a stroker's next command for when its current stroke should end (minus latency). */
  private wakeForAim(r: Runner): void {
    if (r.aimAt === undefined || !this.tracker.playing) return;
    const now = this.clock.now();
    const arrive = this.tracker.localTimeOf(r.aimAt + this.offset);
    if (arrive === undefined) return;
    const at = Math.max(arrive - r.target.latencyMs, r.lastSendAt + r.target.gapMs, now);
    r.timer?.cancel();
    r.timer = this.clock.schedule(at - now, () => this.tick(r));
  }

  private tickLevel(r: Runner): void {
    const now = this.clock.now();
    const effectAt = now + r.target.latencyMs;
    const scriptMs = this.tracker.positionAt(effectAt) - this.offset;
    const keyframes = r.track.keyframes;
    const raw =
      r.convert === 'vibration'
        ? vibrationAt(keyframes, scriptMs, { mode: this.mode, rate: this.tracker.rate })
        : valueAt(keyframes, scriptMs);
    r.ended = raw === undefined;
    const level = raw === undefined || raw <= 0 ? 0 : this.toRange(raw * this.ramp(effectAt));
    const last = r.lastValue;
    if (last === undefined || Math.abs(level - last) >= 0.005 || (level === 0 && last !== 0))
      this.send(r, level);
    if (r.ended && level === 0) return; // nothing more to play until a seek
    r.timer = this.clock.schedule(r.target.gapMs, () => this.tick(r));
  }

  private modelAt(r: Runner, t: number): number {
    if (r.duration <= 0 || t >= r.start + r.duration) return r.to;
    if (t <= r.start) return r.from;
    return r.from + ((r.to - r.from) * (t - r.start)) / r.duration;
  }

  private send(r: Runner, value: number, durationMs?: number): void {
    r.lastSendAt = this.clock.now();
    r.lastValue = value;
    r.target.send(value, durationMs).catch((err: unknown) => this.errors.next(err));
  }

  private haltAll(): void {
    for (const r of this.runners) void this.halt(r, false);
  }

  /** Stops a runner's output within one gap (at once if the target can stop). */
  private halt(r: Runner, final: boolean): Promise<void> {
    r.timer?.cancel();
    r.timer = undefined;
    r.aimAt = undefined;
    if (r.lastValue === undefined) return Promise.resolve(); // never driven: nothing to stop
    const now = this.clock.now();
    const held = this.modelAt(r, now + r.target.latencyMs);
    Object.assign(r, { from: held, to: held, start: now, duration: 0 });
    if (r.target.stop) {
      r.lastValue = r.target.kind === 'intensity' ? 0 : held;
      return r.target.stop().catch((err: unknown) => this.errors.next(err));
    }
    if (r.target.kind === 'intensity' && r.lastValue === 0) return Promise.resolve();
    const fire = () => {
      if (!final && !this.userPaused && this.tracker.playing) return; // resumed meanwhile
      if (r.target.kind === 'intensity') this.send(r, 0);
      else this.send(r, held, 0);
    };
    const wait = Math.max(0, r.lastSendAt + r.target.gapMs - now);
    if (wait === 0 || final) fire();
    else r.timer = this.clock.schedule(wait, fire);
    return Promise.resolve();
  }
}
