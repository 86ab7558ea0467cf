import type { Observable, Subscription } from 'rxjs';
import { Device } from '../client/device.js';
import { Output } from '../client/output.js';
import { realClock, type Clock, type Timer } from '../clock/index.js';
import { PlugkitError } from '../protocol/index.js';
import { clampFor, compilePattern, mixTracks, type CompiledTrack, type EvalContext } from './evaluate.js';
import { mix, top, type Contribution, type MixRule } from './mixer.js';
import { trackDrives, valueKind, type LoopCount, type Pattern, type TrackOutput } from './model.js';
import { parsePattern } from './parse.js';
import { Playback, type PlaybackEndReason, type PlaybackHandle } from './playback.js';
import { OutputPacer } from './sender.js';
import type { Funscript } from './funscript/parse.js';
import type { ScriptSet } from './funscript/script-set.js';
import type { SyncHandle } from './sync/script-sync.js';
import { syncScript, type SyncScriptOptions } from './sync/sync-script.js';

/** What the engine needs from a client: its devices and, when it has one, its clock. */
export interface HapticsHost {
  readonly devices$: Observable<readonly Device[]>;
  readonly clock?: Clock;
}

/** Picks outputs by kind (and optionally device); also matches toys that connect later. */
export interface TargetQuery {
  /** An output type, or `"intensity"` for Vibrate/Oscillate/Constrict; default: every output. */
  outputType?: TrackOutput;
  /** Only devices with this name or display name, or for which this returns true. */
  device?: string | ((device: Device) => boolean);
}

/** Where a pattern plays: an output, a device (its outputs by kind), a query, or a list of them. */
export type HapticsTarget = Output | Device | TargetQuery | readonly (Output | Device | TargetQuery)[];

/** Options of {@link HapticsEngine.play}. */
export interface PlayOptions {
  target: HapticsTarget;
  /** Higher wins under the `priority` mix rule (default 0; ties go to the newest). */
  priority?: number;
  /** Multiplies intensity and rotation, 0..10 (default 1). */
  gain?: number;
  /** A pattern started on a channel in use replaces the pattern playing there. */
  channel?: string;
  /** Overrides the pattern's own `loop`. */
  loop?: LoopCount;
}

/** Options of {@link HapticsEngine.sync}: those of `syncScript`, with a target like `play`'s. */
export interface SyncOptions extends Omit<SyncScriptOptions, 'only'> {
  /**
   * Which outputs follow the script: an output, a device, a query or a list, matched against the
   * toys connected when the sync starts (default: every output the script has a track for).
   */
  target?: HapticsTarget;
}

/** Options of a {@link HapticsEngine}. */
export interface HapticsOptions {
  /** Time source; default the client's clock, else the real clock. */
  clock?: Clock;
  /** How patterns on one output combine (default `max`). */
  mix?: MixRule;
  /** Factor applied to lower-priority patterns under the `priority` rule (default 0.25). */
  duck?: number;
  /** Internal evaluation period in ms (default 4, i.e. 250 Hz). */
  tickMs?: number;
  /** Global intensity cap 0..1 applied after mixing (default 1). */
  cap?: number;
}

interface Driven {
  pacer: OutputPacer;
  device: Device;
  motor: number;
}

const check = (v: unknown, what: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'BadOption',
      `${what} must be a number from ${min} to ${max}; got ${String(v)}.`,
    );
  return v;
};

/**
 * Plays haptic patterns on a client's toys: evaluates them at a high internal rate, mixes the
 * patterns on each output, applies the caps, and paces what it sends to each output by that
 * toy's message gap (see docs/haptics.md). Get one as `client.haptics`.
 */
export class HapticsEngine {
  private readonly clock: Clock;
  private rule: MixRule;
  private duck: number;
  private cap: number;
  private readonly tickMs: number;
  private readonly deviceCaps = new Map<Device, number>();
  private readonly outputRules = new Map<Output, MixRule>();
  private readonly latency = new Map<Device, number>();
  private readonly idleGuard = new Map<Device, number>();
  private readonly playing = new Set<Playback>();
  private readonly syncs = new Set<SyncHandle>();
  private readonly queries = new Map<Playback, Subscription>();
  private readonly driven = new Map<Output, Driven>();
  private timer: Timer | undefined;
  private seq = 0;
  private devices: readonly Device[] = [];
  private readonly devicesSub: Subscription;

  constructor(
    private readonly host: HapticsHost,
    options: HapticsOptions = {},
  ) {
    this.clock = options.clock ?? host.clock ?? realClock;
    this.rule = options.mix ?? 'max';
    this.duck = check(options.duck ?? 0.25, 'duck', 0, 1);
    this.cap = check(options.cap ?? 1, 'cap', 0, 1);
    this.tickMs = check(options.tickMs ?? 4, 'tickMs', 1, 1000);
    this.devicesSub = host.devices$.subscribe((list) => (this.devices = list));
  }

  /** The mix rule for every output. */
  get mixRule(): MixRule {
    return this.rule;
  }
  /** Sets how patterns on one output combine (see {@link MixRule}). */
  setMixRule(rule: MixRule, duck = this.duck): void {
    if (!['max', 'sum', 'priority', 'channel'].includes(rule))
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadOption',
        `mix rule must be max, sum, priority or channel; got ${String(rule)}.`,
      );
    this.rule = rule;
    this.duck = check(duck, 'duck', 0, 1);
    this.wake();
  }

  /**
   * Gives one output its own mix rule (`max`, `sum` or `priority`; channels are engine-wide);
   * `undefined` returns it to the engine's rule.
   */
  setOutputMixRule(output: Output, rule: Exclude<MixRule, 'channel'> | undefined): void {
    if (rule === undefined) this.outputRules.delete(output);
    else if (!['max', 'sum', 'priority'].includes(rule))
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadOption',
        `an output's mix rule must be max, sum or priority; got ${String(rule)}.`,
      );
    else this.outputRules.set(output, rule);
    this.wake();
  }

  /** Caps every intensity and rotation at `level` (0..1) after mixing: a comfort limit. */
  setCap(level: number): void {
    this.cap = check(level, 'cap', 0, 1);
    this.wake();
  }

  /** Caps one device's intensity and rotation (0..1); `undefined` removes its cap. */
  setDeviceCap(device: Device, level: number | undefined): void {
    if (level === undefined) this.deviceCaps.delete(device);
    else this.deviceCaps.set(device, check(level, 'device cap', 0, 1));
    this.wake();
  }

  /**
   * Sets how far ahead (ms) patterns are evaluated for a device, so what is felt lines up
   * with pattern time. Never less than the device's message gap; default the gap.
   */
  setLatency(device: Device, ms: number | undefined): void {
    if (ms === undefined) this.latency.delete(device);
    else this.latency.set(device, check(ms, 'latency', 0, 10_000));
  }

  /**
   * Keeps a device that drops an idle link alive: during holds longer than `ms` the engine
   * sends an imperceptible change. Off by default (the server sends its protocols' keepalives).
   */
  setIdleGuard(device: Device, ms: number | undefined): void {
    if (ms === undefined) this.idleGuard.delete(device);
    else this.idleGuard.set(device, check(ms, 'idle guard', 10, 600_000));
    for (const [output, d] of this.driven)
      if (d.device === device) {
        d.pacer.close();
        this.driven.delete(output);
      }
  }

  /** Patterns playing now. */
  get active(): readonly PlaybackHandle[] {
    return [...this.playing];
  }

  /** The pacer of an output this engine drives (for tools that plan their own sends). */
  pacerFor(output: Output): OutputPacer | undefined {
    return this.driven.get(output)?.pacer;
  }

  /**
   * Starts a pattern (from {@link parsePattern}, or built in code: it is checked again) on a
   * target; returns its handle. Throws a `PlugkitError` for a bad pattern or option.
   */
  play(pattern: Pattern, options: PlayOptions): PlaybackHandle {
    if (typeof options !== 'object' || options === null || options.target === undefined)
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadOption',
        'play needs options with a target (an output, a device, a query or a list).',
      );
    // Checked again here: patterns built in code skip parsePattern, and a bad one must not reach a toy.
    const checked = parsePattern(pattern);
    const priority = check(options.priority ?? 0, 'priority', -1e9, 1e9);
    const gain = check(options.gain ?? 1, 'gain', 0, 10);
    const channel = options.channel ?? (this.rule === 'channel' ? '' : undefined);
    const now = this.clock.now();
    const playback = new Playback(
      compilePattern(checked),
      this.seq++,
      priority,
      channel,
      now,
      gain,
      options.loop,
      () => this.clock.now(),
      (p, end) => this.changed(p, end),
    );
    this.bindTargets(playback, options.target); // throws for a bad target before anything changes
    if (channel !== undefined)
      for (const p of [...this.playing]) if (p.channel === channel) p.end('replaced');
    this.playing.add(playback);
    this.tick();
    this.wake();
    return playback;
  }

  /**
   * Follows a funscript (or a multi-axis set) against a media clock: `options.clock$` reports
   * `{ positionMs, playing, rate }`; strokers get moves timed to arrive on each action,
   * vibrators the script's V0 track or the stroke converted to vibration (docs/haptics.md).
   * Throws a `PlugkitError` when no connected output matches.
   */
  sync(script: Funscript | ScriptSet, options: SyncOptions): SyncHandle {
    if (typeof options !== 'object' || options === null)
      throw new PlugkitError('INVALID_ARGUMENT', 'BadOption', 'sync needs options with a clock$.');
    const { target, ...rest } = options;
    const outputs = target === undefined ? undefined : this.resolveNow(target);
    const devices = outputs
      ? this.devices.filter((d) => d.outputs().some((o) => outputs.has(o)))
      : this.devices;
    const handle = syncScript({ devices }, script, {
      ...rest,
      clock: options.clock ?? this.clock,
      ...(outputs ? { only: (o: Output) => outputs.has(o) } : {}),
    });
    this.syncs.add(handle);
    handle.done$.subscribe(() => this.syncs.delete(handle));
    return handle;
  }

  /**
   * The panic button: ends every pattern and script sync and brings every output this engine
   * drove to zero at its next free send slot (within one message gap). Position outputs stay
   * where they are.
   */
  stopAll(): void {
    for (const s of [...this.syncs]) void s.stop();
    for (const p of [...this.playing]) p.end('stopAll');
    for (const [output, d] of this.driven) if (valueKind(output.type) !== 'position') d.pacer.zero();
  }

  /** Stops everything, stops timers and forgets the client. */
  dispose(): void {
    this.stopAll();
    this.timer?.cancel();
    this.timer = undefined;
    this.devicesSub.unsubscribe();
    for (const s of this.queries.values()) s.unsubscribe();
  }

  private bindTargets(p: Playback, target: HapticsTarget): void {
    const list: readonly (Output | Device | TargetQuery)[] = Array.isArray(target)
      ? target
      : [target as Output | Device | TargetQuery];
    const queries: TargetQuery[] = [];
    for (const t of list) {
      if (t instanceof Output) {
        const device = this.devices.find((d) => d.outputs().includes(t));
        if (!device)
          throw new PlugkitError(
            'INVALID_ARGUMENT',
            'BadTarget',
            'play target: that output belongs to no connected device.',
          );
        this.bindOutput(p, device, t);
      } else if (t instanceof Device) for (const o of t.outputs()) this.bindOutput(p, t, o);
      else if (typeof t === 'object' && t !== null) queries.push(t);
      else
        throw new PlugkitError(
          'INVALID_ARGUMENT',
          'BadTarget',
          `play target must be an output, a device or a query; got ${String(t)}.`,
        );
    }
    if (queries.length === 0) return;
    // Queries also pick up toys that connect while the pattern plays.
    const sub = this.host.devices$.subscribe((devices) => {
      for (const q of queries)
        for (const d of devices) {
          if (!matchesDevice(q, d)) continue;
          for (const o of d.outputs())
            if (q.outputType === undefined || trackDrives(q.outputType, o.type)) this.bindOutput(p, d, o);
        }
      this.wake();
    });
    if (p.ended) sub.unsubscribe();
    else this.queries.set(p, sub);
  }

  /** The outputs a target names among the toys connected now. */
  private resolveNow(target: HapticsTarget): Set<Output> {
    const list: readonly (Output | Device | TargetQuery)[] = Array.isArray(target)
      ? target
      : [target as Output | Device | TargetQuery];
    const found = new Set<Output>();
    for (const t of list) {
      if (t instanceof Output) found.add(t);
      else if (t instanceof Device) for (const o of t.outputs()) found.add(o);
      else if (typeof t === 'object' && t !== null) {
        for (const d of this.devices)
          if (matchesDevice(t, d))
            for (const o of d.outputs())
              if (t.outputType === undefined || trackDrives(t.outputType, o.type)) found.add(o);
      } else
        throw new PlugkitError(
          'INVALID_ARGUMENT',
          'BadTarget',
          `sync target must be an output, a device or a query; got ${String(t)}.`,
        );
    }
    return found;
  }

  private bindOutput(p: Playback, device: Device, output: Output): void {
    const motor = device.outputs(output.type).indexOf(output);
    p.bind(output, motor);
    if (p.outputs.has(output) && !this.driven.has(output)) {
      const idle = this.idleGuard.get(device);
      this.driven.set(output, {
        device,
        motor,
        pacer: new OutputPacer(output, {
          clock: this.clock,
          gapMs: () => device.messageTimingGap,
          ...(idle !== undefined ? { idleGuardMs: idle } : {}),
        }),
      });
    }
  }

  private changed(p: Playback, end?: PlaybackEndReason): void {
    if (end) {
      this.playing.delete(p);
      this.queries.get(p)?.unsubscribe();
      this.queries.delete(p);
    }
    if (!this.inTick) this.tick();
    this.wake();
  }

  private wake(): void {
    if (!this.timer && this.needsTicks()) this.timer = this.clock.repeat(this.tickMs, () => this.tick());
  }

  private needsTicks(): boolean {
    if (this.playing.size > 0) return true;
    for (const [output, d] of this.driven)
      if (
        d.device.available && // a toy that left was stopped by the server; nothing to bring to zero
        valueKind(output.type) !== 'position' &&
        d.pacer.currentSteps !== 0 &&
        !Number.isNaN(d.pacer.currentSteps)
      )
        return true;
    return false;
  }

  private inTick = false;

  /** One evaluation pass: every driven output gets its mixed, capped value offered. */
  private tick(): void {
    if (this.inTick) return;
    this.inTick = true;
    try {
      const now = this.clock.now();
      for (const p of [...this.playing]) p.update(now);
      for (const [output, d] of this.driven) this.drive(output, d, now);
      if (!this.needsTicks()) {
        this.timer?.cancel();
        this.timer = undefined;
      }
    } finally {
      this.inTick = false;
    }
  }

  private drive(output: Output, d: Driven, now: number): void {
    if (!d.device.available) return;
    const gap = Math.max(d.pacer.gapMs, this.tickMs);
    const at = now + Math.max(this.latency.get(d.device) ?? 0, d.pacer.gapMs);
    const kind = valueKind(output.type);
    const contributions: (Contribution & { p: Playback; tracks: CompiledTrack[]; t: number; pt: number })[] =
      [];
    for (const p of this.playing) {
      const tracks = p.outputs.get(output);
      if (!tracks || p.paused) continue;
      const pt = p.patternTime(at);
      const it = p.iterationTime(pt);
      if (!it) continue;
      const ctx: EvalContext = {
        slotMs: (gap + this.tickMs) * p.compiled.timeScale,
        minLevel: output.steps > 0 ? 1 / output.steps : 0,
      };
      const v = mixTracks(tracks, output.type, it.t, ctx);
      if (v === undefined) continue;
      const value = kind === 'position' ? v : v * p.gain * p.compiled.gain;
      contributions.push({ value, priority: p.priority, seq: p.seq, p, tracks, t: it.t, pt });
    }
    if (kind === 'position') return this.drivePosition(output, d, contributions);
    const mixed = mix(this.outputRules.get(output) ?? this.rule, contributions, this.duck);
    if (mixed === undefined) return d.pacer.offer(0);
    const capped = Math.min(this.cap, this.deviceCaps.get(d.device) ?? 1);
    const v = clampFor(output.type, mixed);
    d.pacer.offer(Math.sign(v) * Math.min(Math.abs(v), capped));
  }

  /** Positions are not mixed: the top pattern plans a move to its next keyframe. */
  private drivePosition(
    output: Output,
    d: Driven,
    contributions: (Contribution & { p: Playback; tracks: CompiledTrack[]; t: number; pt: number })[],
  ): void {
    const c = top(contributions) as (typeof contributions)[number] | undefined;
    if (!c) return;
    const ctx: EvalContext = { slotMs: 0, minLevel: 0 };
    if (output.type === 'Position') return d.pacer.offer(c.value);
    let next: number | undefined;
    for (const tr of c.tracks) {
      const b = tr.nextBreak(c.t);
      if (b !== undefined && (next === undefined || b < next)) next = b;
    }
    let target: number | undefined;
    const len = c.p.compiled.iterationMs;
    // The value a segment arrives at is its value just before the breakpoint (the track may end there).
    if (next !== undefined && next <= len) target = mixTracks(c.tracks, output.type, next - 1e-6, ctx);
    if (target === undefined && len !== Infinity && c.pt + (len - c.t) < c.p.totalMs) {
      next = len; // the next iteration starts at its first keyframe
      target = mixTracks(c.tracks, output.type, 0, ctx);
    }
    if (next === undefined || target === undefined) {
      d.pacer.offerMove({ position: c.value, durationMs: d.pacer.gapMs });
      return;
    }
    const durationMs = (next - c.t) / c.p.compiled.timeScale;
    d.pacer.offerMove({ position: target, durationMs });
  }
}

function matchesDevice(q: TargetQuery, d: Device): boolean {
  if (q.device === undefined) return true;
  if (typeof q.device === 'function') return q.device(d);
  return d.name === q.device || d.displayName === q.device;
}
