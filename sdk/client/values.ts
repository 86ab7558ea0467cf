import { PlugkitError } from '../protocol/index.js';

/** The error for a value refused before it leaves the client. */
export const invalid = (reason: string, message: string): PlugkitError =>
  new PlugkitError('INVALID_ARGUMENT', reason, message);

/**
 * Checks a level in 0..1 (finite, not NaN). `what` names the value and ends with its noun, e.g.
 * "motor 1: level" or "rotate speed"; the value follows it in the message
 * ("motor 1: level 1.5 is out of range 0..1"), so a subject's number is never read as the value.
 */
export function checkLevel(level: unknown, what: string): number {
  if (typeof level !== 'number' || Number.isNaN(level))
    throw invalid('NotANumber', `${what} must be a number in 0..1; got ${String(level)}.`);
  if (level < 0 || level > 1)
    throw invalid('OutOfRange', `${what} ${level} is out of range 0..1 (0 is off, 1 is full).`);
  return level;
}

/** Checks a duration in ms: a finite, non-negative number, rounded to whole ms. */
export function checkDuration(durationMs: unknown, what: string, range?: [number, number]): number {
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)
    throw invalid('BadDuration', `${what} must be a duration in ms (0 or more); got ${String(durationMs)}.`);
  const ms = Math.round(durationMs);
  if (range && (ms < range[0] || ms > range[1]))
    throw invalid(
      'OutOfRange',
      `${what} must be from ${range[0]} to ${range[1]} ms on this output; got ${ms}.`,
    );
  return ms;
}

/**
 * A fraction that a float-taking server (spec v3) turns back into exactly `steps`: it computes
 * ceil(max × x), so n/max is used when that survives the round trip and (n − ½)/max otherwise.
 */
export function fractionFor(steps: number, max: number): number {
  const n = Math.abs(steps);
  if (n === 0 || max === 0) return 0;
  const x = n / max;
  return Math.ceil(max * x) === n ? x : (n - 0.5) / max;
}
