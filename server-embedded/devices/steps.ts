/**
 * Step arithmetic for outputs: what range a client sees, which values it may send, and what
 * value reaches the protocol. Follows the reference rules (protocol-notes §6.4, §8.4).
 */
import { POSITION_OUTPUTS, SIGNED_OUTPUTS, UNSIGNED_OUTPUTS, type Range } from '../../sdk/protocol/index.js';
import type { ResolvedOutput } from './config/database.js';

// Which kinds are unsigned, signed or positions comes from sdk/protocol/output-types.ts.
export { UNSIGNED_OUTPUTS };

/** Number of steps a client can address. */
export const stepCount = (o: ResolvedOutput): number =>
  o.user ? o.user[1] - o.user[0] : Math.abs(o.base[1]);
const start = (o: ResolvedOutput): number => (o.user ? o.user[0] : 0);
const rangeMax = (o: ResolvedOutput): number => (o.user ? o.user[1] : Math.abs(o.base[1]));

/** The advertised step range: `[0, N]`, or `[-N, N]` when the base range goes below zero. */
export const advertisedRange = (o: ResolvedOutput): Range => {
  const n = stepCount(o);
  return o.base[0] < 0 ? [-n, n] : [0, n];
};

/** Why a v4 step value is refused, or undefined if it is fine. */
export function checkStep(o: ResolvedOutput, value: number): { reason: string; message: string } | undefined {
  const n = stepCount(o);
  const [lo, hi] = advertisedRange(o);
  if (POSITION_OUTPUTS.has(o.type) && value < 0)
    return { reason: 'DeviceStepRangeError', message: `${o.type} value ${value} is outside ${lo}..${hi}` };
  if (Math.abs(value) > n)
    return { reason: 'DeviceStepRangeError', message: `${o.type} value ${value} is outside ${lo}..${hi}` };
  if (value < 0 && UNSIGNED_OUTPUTS.has(o.type))
    return {
      reason: 'DeviceCommandSignError',
      message: `${o.type} takes no negative values (got ${value}); use 0..${hi}`,
    };
  if (value < 0 && o.base[0] >= 0 && !SIGNED_OUTPUTS.has(o.type))
    return {
      reason: 'DeviceCommandSignError',
      message: `${o.type} takes no negative values here (got ${value})`,
    };
  return undefined;
}

/** The device-unit value for a (valid) step value, applying user ranges and reversal. */
export function deviceValue(o: ResolvedOutput, value: number): number {
  if (o.type === 'Position') return o.reverse ? rangeMax(o) - value : start(o) + value;
  if (o.type === 'HwPositionWithDuration') {
    if (value === 0) return 0;
    return o.reverse ? rangeMax(o) - value : start(o) + value;
  }
  if (value === 0) return 0;
  return Math.sign(value) * (start(o) + Math.abs(value));
}

/** Conversion A (0..1 → steps, ceil, 1e-6 epsilon); defined once in sdk/protocol. */
export { levelToSteps as scalarToSteps } from '../../sdk/protocol/legacy-attributes.js';
