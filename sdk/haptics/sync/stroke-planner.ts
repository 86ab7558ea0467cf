import type { ScriptKeyframe } from '../funscript/parse.js';
import { nextIndexAfter } from './keyframes.js';

/** One move for a stroker: go to `value` over `durationMs` (device time). */
export interface PlannedMove {
  value: number;
  durationMs: number;
  /** Index of the keyframe this move aims at. */
  keyframeIndex: number;
  /** True when the speed limit shortened the stroke. */
  clipped: boolean;
}

/** Inputs of {@link planStroke}. */
export interface StrokePlanInput {
  keyframes: readonly ScriptKeyframe[];
  /** Script time (ms) at which the command takes effect on the device. */
  scriptMs: number;
  /** Media playback rate; script durations are divided by it. */
  rate: number;
  /** Where the device is (0..1) when the command takes effect. */
  from: number;
  /** Most the device can travel, in full ranges per second (undefined: no limit). */
  speedLimit?: number;
  /** Shortest duration worth sending (ms); keyframes closer than this are skipped. Default 1. */
  minDurationMs?: number;
  /** Maps a script value to the value sent (range, soft start). Default: identity. */
  shape?: (value: number) => number;
}

/**
 * "Move to the next keyframe over the remaining time": the keyframe after `scriptMs`, reached
 * exactly when the script says, in device time (÷ rate). Keyframes that already passed are never
 * swept through. A device too slow for the stroke gets a shorter stroke toward the keyframe at its
 * top speed, so it still turns on time and nothing queues up. Undefined past the script's end.
 */
export function planStroke(input: StrokePlanInput): PlannedMove | undefined {
  const { keyframes, scriptMs, rate, from } = input;
  const minMs = input.minDurationMs ?? 1;
  let i = nextIndexAfter(keyframes, scriptMs);
  while (i < keyframes.length && (keyframes[i]!.at - scriptMs) / rate < minMs) i++;
  const target = keyframes[i];
  if (!target) return undefined;
  const durationMs = (target.at - scriptMs) / rate;
  const wanted = input.shape ? input.shape(target.value) : target.value;
  let value = wanted;
  let clipped = false;
  if (input.speedLimit !== undefined && input.speedLimit > 0) {
    const reach = (input.speedLimit * durationMs) / 1000;
    if (Math.abs(wanted - from) > reach) {
      value = from + Math.sign(wanted - from) * reach;
      clipped = true;
    }
  }
  return { value: Math.min(1, Math.max(0, value)), durationMs, keyframeIndex: i, clipped };
}
