import type { ScriptKeyframe } from '../funscript/parse.js';

/** Index of the first keyframe strictly after `t` (keyframes.length if none). Binary search. */
export function nextIndexAfter(keyframes: readonly ScriptKeyframe[], t: number): number {
  let lo = 0;
  let hi = keyframes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyframes[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value at script time `t`, linearly interpolated; before the first keyframe its value, after
 * the last undefined (the script is over).
 */
export function valueAt(keyframes: readonly ScriptKeyframe[], t: number): number | undefined {
  if (keyframes.length === 0) return undefined;
  const i = nextIndexAfter(keyframes, t);
  if (i === 0) return keyframes[0]!.value;
  if (i === keyframes.length) return t === keyframes[i - 1]!.at ? keyframes[i - 1]!.value : undefined;
  const a = keyframes[i - 1]!;
  const b = keyframes[i]!;
  return a.value + ((b.value - a.value) * (t - a.at)) / (b.at - a.at);
}
