import type { ScriptKeyframe } from '../funscript/parse.js';
import { nextIndexAfter, valueAt } from './keyframes.js';

/**
 * How a stroke script becomes a vibration level, for toys that cannot stroke:
 * - `speed`: the stroke's speed (|Δposition| per second ÷ `fullSpeed`), held over the stroke;
 *   fast strokes vibrate hard, holds are silent. The default.
 * - `position`: the interpolated position itself (0 at the bottom, 1 at the top).
 * - `speed-position`: speed × position, so fast strokes near the top are strongest.
 * - `half-duration`: the speed level for the first half of each stroke and 0 for the second,
 *   which turns every stroke into a distinct pulse.
 */
export type VibrationMode = 'speed' | 'position' | 'speed-position' | 'half-duration';

/** Every mode, for validation and UIs. */
export const VIBRATION_MODES: readonly VibrationMode[] = [
  'speed',
  'position',
  'speed-position',
  'half-duration',
];

/** Options of {@link vibrationAt}. */
export interface VibrationOptions {
  mode: VibrationMode;
  /** Speed that maps to full intensity, in full ranges per second of media time. Default 4 (a full stroke in 250 ms). */
  fullSpeed?: number;
  /** Playback rate: strokes played faster vibrate harder. Default 1. */
  rate?: number;
}

/**
 * The vibration level (0..1) of a stroke script at script time `t`; undefined past the end.
 * Before the first keyframe the level is 0 (no stroke yet), except in `position` mode.
 */
export function vibrationAt(
  keyframes: readonly ScriptKeyframe[],
  t: number,
  options: VibrationOptions,
): number | undefined {
  const pos = valueAt(keyframes, t);
  if (pos === undefined) return undefined;
  if (options.mode === 'position') return pos;
  const i = nextIndexAfter(keyframes, t);
  if (i === 0 || i >= keyframes.length) return 0;
  const a = keyframes[i - 1]!;
  const b = keyframes[i]!;
  const speed = (Math.abs(b.value - a.value) * 1000 * (options.rate ?? 1)) / (b.at - a.at);
  const level = Math.min(1, speed / (options.fullSpeed ?? 4));
  switch (options.mode) {
    case 'speed':
      return level;
    case 'speed-position':
      return level * pos;
    case 'half-duration':
      return t - a.at < (b.at - a.at) / 2 ? level : 0;
  }
}

/**
 * The mode a script asks for in its metadata (`metadata.vibration_mode` or
 * `metadata.vibrationMode`), if it names a known one.
 */
export function vibrationModeOf(metadata: Readonly<Record<string, unknown>>): VibrationMode | undefined {
  const m = metadata['vibration_mode'] ?? metadata['vibrationMode'];
  return typeof m === 'string' && (VIBRATION_MODES as readonly string[]).includes(m)
    ? (m as VibrationMode)
    : undefined;
}
