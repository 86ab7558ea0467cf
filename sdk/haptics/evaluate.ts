import type { OutputType } from '../protocol/index.js';
import { easeFn, type EaseFn } from './ease.js';
import {
  trackDrives,
  valueKind,
  type Envelope,
  type Keyframe,
  type LoopCount,
  type Pattern,
  type Track,
  type TrackBlend,
  type TransientTrack,
  type Waveform,
} from './model.js';

/** What an evaluation needs to know about the output it is for. */
export interface EvalContext {
  /** The output's send slot in pattern ms: transients are widened to at least this. */
  slotMs: number;
  /** The lowest level that still moves the motor (one step), for transient holds. */
  minLevel: number;
}

/** A track ready to evaluate: `valueAt` is undefined outside the track's time. */
export interface CompiledTrack {
  readonly source: Track;
  readonly blend: TrackBlend;
  /** First pattern ms at which the track plays. */
  readonly start: number;
  /** Length including its loops (Infinity for `"forever"`). */
  readonly length: number;
  valueAt(t: number, ctx: EvalContext): number | undefined;
  /** The next breakpoint strictly after `t` (keyframe tracks), for planning position moves. */
  nextBreak(t: number): number | undefined;
}

/** A pattern ready to evaluate. */
export interface CompiledPattern {
  readonly pattern: Pattern;
  readonly tracks: readonly CompiledTrack[];
  /** Length of one iteration in pattern ms (Infinity if a track loops forever). */
  readonly iterationMs: number;
  /** Number of iterations (Infinity = forever). */
  readonly iterations: number;
  readonly timeScale: number;
  readonly gain: number;
}

const loops = (l: LoopCount | undefined): number => (l === 'forever' ? Infinity : (l ?? 1));

/** Index of the last keyframe with `at <= t` (−1 if none). */
function floorIndex(keys: readonly Keyframe[], t: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]!.at <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Interpolates breakpoints: before the first it holds the first, after the last the last. */
export function keyframeValue(keys: readonly Keyframe[], eases: readonly EaseFn[], t: number): number {
  const i = floorIndex(keys, t);
  if (i < 0) return keys[0]!.value;
  const a = keys[i]!;
  const b = keys[i + 1];
  if (!b || b.at === a.at) return b && t >= b.at ? b.value : a.value;
  const x = (t - a.at) / (b.at - a.at);
  return a.value + (b.value - a.value) * eases[i]!(x);
}

/** Envelope gain 0..1 at `t` of a `duration` ms event. */
export function envelopeAt(env: Envelope | undefined, t: number, duration: number): number {
  if (!env) return 1;
  const a = env.attack ?? 0;
  const d = env.decay ?? 0;
  const s = env.sustain ?? 1;
  const r = Math.min(env.release ?? 0, duration);
  let level: number;
  if (t < a) level = t / a;
  else if (t < a + d) level = 1 - (1 - s) * ((t - a) / d);
  else level = s;
  const releaseStart = duration - r;
  if (r > 0 && t > releaseStart) level *= Math.max(0, (duration - t) / r);
  return level;
}

/** A repeatable pseudo-random number 0..1 for an integer and a seed. */
function hash(n: number, seed: number): number {
  let h = Math.imul(n ^ Math.imul(seed, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function waveShape(w: Waveform, phase: number): number {
  const p = phase - Math.floor(phase);
  switch (w.shape) {
    case 'sine':
      return (1 - Math.cos(2 * Math.PI * p)) / 2; // starts at the bottom, like the other shapes
    case 'square':
      return p < (w.duty ?? 0.5) ? 1 : 0;
    case 'triangle':
      return p < 0.5 ? p * 2 : 2 - p * 2;
    case 'saw':
      return p;
    case 'noise': {
      const k = Math.floor(phase);
      const f = phase - k;
      const s = f * f * (3 - 2 * f);
      const seed = w.seed ?? 1;
      return hash(k, seed) * (1 - s) + hash(k + 1, seed) * s;
    }
  }
}

/** Cycles elapsed at `t` ms: constant frequency, or the integral of the frequency breakpoints. */
function phaseFn(w: Waveform): (t: number) => number {
  const base = w.phase ?? 0;
  const keys = w.frequencyKeyframes;
  if (!keys) return (t) => base + (w.frequency * t) / 1000;
  // Cumulative cycles at each breakpoint (linear frequency between them).
  const cum: number[] = [0];
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1]!;
    const b = keys[i]!;
    cum.push(cum[i - 1]! + (((a.value + b.value) / 2) * (b.at - a.at)) / 1000);
  }
  return (t) => {
    if (t <= keys[0]!.at) return base + (keys[0]!.value * t) / 1000;
    const head = (keys[0]!.value * keys[0]!.at) / 1000;
    const i = floorIndex(keys, t);
    const a = keys[i]!;
    const b = keys[i + 1];
    if (!b) return base + head + cum[i]! + (a.value * (t - a.at)) / 1000;
    const x = t - a.at;
    const fx = a.value + ((b.value - a.value) * x) / (b.at - a.at);
    return base + head + cum[i]! + (((a.value + fx) / 2) * x) / 1000;
  };
}

function transientValue(track: TransientTrack, length: number, t: number, ctx: EvalContext): number {
  const hits = track.transients;
  const hold = track.holdMs ?? 250;
  let v = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    if (h.at > t) {
      // Between two hits close together: idle at the lowest step so the motor keeps turning.
      const prev = hits[i - 1];
      if (prev && v === 0 && h.value > 0 && prev.value > 0) {
        const prevEnd = prev.at + Math.max(prev.duration ?? 30, ctx.slotMs);
        if (h.at - prevEnd <= hold) v = Math.max(v, ctx.minLevel);
      }
      break;
    }
    const width = Math.max(h.duration ?? 30, ctx.slotMs);
    if (t < h.at + width) v = Math.max(v, h.value);
  }
  return t < length ? v : 0;
}

/** Length of one pass of a track's content (before its own loops). */
function contentLength(track: Track): number {
  if ('keyframes' in track) return track.duration ?? track.keyframes[track.keyframes.length - 1]!.at;
  if ('waveform' in track) return track.waveform.duration;
  if ('transients' in track) {
    const last = track.transients[track.transients.length - 1];
    return track.duration ?? (last ? last.at + (last.duration ?? 30) : 0);
  }
  let sum = 0;
  for (const c of track.sequence) {
    const l = (c.offset ?? 0) + contentLength(c) * loops(c.loop);
    sum += l;
  }
  return sum;
}

/** Compiles one track (and, for sequences, its children). */
export function compileTrack(track: Track): CompiledTrack {
  const content = contentLength(track);
  const n = loops(track.loop);
  const start = track.offset ?? 0;
  const length = content === 0 ? (n === Infinity ? 0 : 0) : content * n;
  const gain = track.gain ?? 1;
  // Position of t inside one pass, or undefined outside the track.
  const local = (t: number): number | undefined => {
    const x = t - start;
    if (x < 0 || x >= length || content <= 0) return undefined;
    return x % content;
  };
  let inner: (x: number, ctx: EvalContext) => number | undefined;
  let breaks: (x: number) => number | undefined = () => undefined;
  if ('keyframes' in track) {
    const keys = track.keyframes;
    const eases = keys.map((k) => easeFn(k.ease));
    inner = (x) => keyframeValue(keys, eases, x);
    breaks = (x) => keys.find((k) => k.at > x)?.at;
  } else if ('waveform' in track) {
    const w = track.waveform;
    const phase = phaseFn(w);
    const lo = w.min ?? 0;
    const amp = w.amplitude ?? 1;
    inner = (x) => (lo + (amp - lo) * waveShape(w, phase(x))) * envelopeAt(w.envelope, x, w.duration);
  } else if ('transients' in track) {
    inner = (x, ctx) => transientValue(track, content, x, ctx);
  } else {
    const children = track.sequence.map(compileTrack);
    const starts: number[] = [];
    let acc = 0;
    for (const c of children) {
      starts.push(acc);
      acc += c.start + c.length;
    }
    inner = (x, ctx) => {
      for (let i = children.length - 1; i >= 0; i--)
        if (x >= starts[i]!) return children[i]!.valueAt(x - starts[i]!, ctx);
      return undefined;
    };
    breaks = (x) => {
      for (let i = 0; i < children.length; i++) {
        const b = children[i]!.nextBreak(x - starts[i]!);
        if (b !== undefined && b + starts[i]! > x) return b + starts[i]!;
      }
      return undefined;
    };
  }
  return {
    source: track,
    blend: track.blend ?? 'max',
    start,
    length,
    valueAt(t, ctx) {
      const x = local(t);
      if (x === undefined) return undefined;
      const v = inner(x, ctx);
      return v === undefined ? undefined : v * gain;
    },
    nextBreak(t) {
      const x = local(t);
      if (x === undefined) return t < start ? start : undefined;
      const pass = t - x;
      const b = breaks(x);
      if (b !== undefined) return pass + b;
      // The next pass starts again at its first keyframe.
      return pass + content < start + length ? pass + content : undefined;
    },
  };
}

/** Compiles a parsed pattern for playback. */
export function compilePattern(pattern: Pattern): CompiledPattern {
  const tracks = pattern.tracks.map(compileTrack);
  let iterationMs = 0;
  for (const t of tracks) iterationMs = Math.max(iterationMs, t.start + t.length);
  return {
    pattern,
    tracks,
    iterationMs,
    iterations: loops(pattern.loop),
    timeScale: pattern.timeScale ?? 1,
    gain: pattern.gain ?? 1,
  };
}

/** Which tracks of a pattern drive one output (its type and its index among outputs of that type). */
export function tracksFor(p: CompiledPattern, type: OutputType, motor: number): CompiledTrack[] {
  return p.tracks.filter(
    (t) => trackDrives(t.source.output, type) && (t.source.motor === undefined || t.source.motor === motor),
  );
}

/**
 * The value of a set of tracks at pattern time `t` (within one iteration), combined by each
 * track's blend and clamped to the output's range; undefined when no track is active.
 */
export function mixTracks(
  tracks: readonly CompiledTrack[],
  type: OutputType,
  t: number,
  ctx: EvalContext,
): number | undefined {
  let acc: number | undefined;
  for (const tr of tracks) {
    const v = tr.valueAt(t, ctx);
    if (v === undefined) continue;
    if (acc === undefined) {
      if (tr.blend !== 'multiply') acc = v; // a multiplier alone has nothing to scale
    } else if (tr.blend === 'sum') acc += v;
    else if (tr.blend === 'multiply') acc *= v;
    else acc = Math.abs(v) > Math.abs(acc) ? v : acc;
  }
  if (acc === undefined) return undefined;
  return clampFor(type, acc);
}

/** Clamps a value into an output type's range (−1..1 for rotation, 0..1 otherwise). */
export function clampFor(type: OutputType, v: number): number {
  const lo = valueKind(type) === 'signed' ? -1 : 0;
  return Math.min(1, Math.max(lo, v));
}
