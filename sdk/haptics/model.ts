import type { OutputType } from '../protocol/index.js';

/**
 * The haptic pattern format, version 1, as plain data (see docs/haptics.md and
 * `pattern.schema.json`). Times are milliseconds of pattern time; values are 0..1 for
 * intensity outputs and positions, -1..1 for `Rotate` (negative = reverse).
 */
export interface Pattern {
  version: 1;
  /** Optional name, shown by previews and in errors. */
  name?: string;
  /** Layers that play at the same time. */
  tracks: Track[];
  /** Speed: 2 plays twice as fast (default 1). */
  timeScale?: number;
  /** Multiplies every intensity and rotation value (default 1). */
  gain?: number;
  /** Repeats of the whole pattern: a count (1 = once, the default) or `"forever"`. */
  loop?: LoopCount;
}

/** How often something plays: a count ≥ 1 or `"forever"`. */
export type LoopCount = number | 'forever';

/**
 * Which outputs a track drives. `"intensity"` (the default) means every Vibrate, Oscillate and
 * Constrict output; any v4 output type names that type only.
 */
export type TrackOutput = 'intensity' | OutputType;

/** How a track combines with other tracks of the same pattern on the same output. */
export type TrackBlend = 'max' | 'sum' | 'multiply';

/** Fields every track may have. */
export interface TrackCommon {
  /** Which kind of output this track drives (default `"intensity"`). */
  output?: TrackOutput;
  /** Only the n-th output (0-based) of that kind on each device; default all of them. */
  motor?: number;
  /** When the track starts, in pattern ms (default 0). */
  offset?: number;
  /** Repeats of this track's content (default 1). */
  loop?: LoopCount;
  /** Multiplies this track's values (default 1). */
  gain?: number;
  /** How this track combines with earlier tracks on the same output (default `"max"`). */
  blend?: TrackBlend;
}

/** Named easing curves; `step` holds the value until the next keyframe. */
export type EaseName = 'linear' | 'step' | 'easeIn' | 'easeOut' | 'easeInOut' | 'sine';
/** An easing: a named curve or a CSS-style cubic Bézier `[x1, y1, x2, y2]`. */
export type Ease = EaseName | { cubicBezier: [number, number, number, number] };

/** One breakpoint. `ease` shapes the segment from this keyframe to the next. */
export interface Keyframe {
  at: number;
  value: number;
  ease?: Ease;
}

/** Breakpoints with interpolation between them; holds the last value until the track ends. */
export interface KeyframeTrack extends TrackCommon {
  keyframes: Keyframe[];
  /** Track length in ms (default: the last keyframe's `at`). */
  duration?: number;
}

/** Attack/decay/sustain/release, in ms; sustain is a level 0..1 of the amplitude. */
export interface Envelope {
  attack?: number;
  decay?: number;
  sustain?: number;
  release?: number;
}

/** Periodic shapes; `noise` is smooth value noise (seeded, repeatable). */
export type WaveShape = 'sine' | 'square' | 'triangle' | 'saw' | 'noise';

/** An oscillator between `min` and `max` for `duration` ms. */
export interface Waveform {
  shape: WaveShape;
  /** Cycles per second (noise: new random points per second). */
  frequency: number;
  duration: number;
  /** Peak value (default 1); shaped by `envelope`. */
  amplitude?: number;
  /** Lowest value of the wave (default 0). */
  min?: number;
  /** Pulse width of `square`, 0..1 (default 0.5). */
  duty?: number;
  /** Phase offset in cycles, 0..1 (default 0). */
  phase?: number;
  envelope?: Envelope;
  /** Optional breakpoints (ms → Hz) replacing `frequency` over time. */
  frequencyKeyframes?: Keyframe[];
  /** Seed of `noise` (default 1). */
  seed?: number;
}

/** A waveform track. */
export interface WaveformTrack extends TrackCommon {
  waveform: Waveform;
}

/** A short hit. */
export interface Transient {
  at: number;
  /** Peak value 0..1. */
  value: number;
  /** Length in ms (default 30); widened to at least one send slot of the output. */
  duration?: number;
}

/** Short hits; between hits less than `holdMs` apart the motor idles at its lowest step. */
export interface TransientTrack extends TrackCommon {
  transients: Transient[];
  /**
   * Gaps between hits up to this long keep the motor turning at its lowest step instead of
   * stopping (motors restart slowly). Default 250 ms; 0 turns it off.
   */
  holdMs?: number;
  duration?: number;
}

/** Child tracks played one after another (each for its own length). */
export interface SequenceTrack extends TrackCommon {
  sequence: Track[];
}

/** Any track. */
export type Track = KeyframeTrack | WaveformTrack | TransientTrack | SequenceTrack;

/** Output types that take a 0..1 intensity from `"intensity"` tracks. */
export const INTENSITY_OUTPUTS: readonly OutputType[] = ['Vibrate', 'Oscillate', 'Constrict'];

/** Whether a track's output selector applies to an output type. */
export function trackDrives(output: TrackOutput | undefined, type: OutputType): boolean {
  const o = output ?? 'intensity';
  return o === 'intensity' ? INTENSITY_OUTPUTS.includes(type) : o === type;
}

/** What range a value of this output type lives in. */
export function valueKind(type: OutputType): 'intensity' | 'signed' | 'position' {
  if (type === 'Rotate') return 'signed';
  if (type === 'Position' || type === 'HwPositionWithDuration') return 'position';
  return 'intensity';
}
