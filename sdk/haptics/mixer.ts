/**
 * How several patterns playing on one output combine:
 * - `max`: the strongest wins (as Unreal's force feedback);
 * - `sum`: values add up, clamped to the range;
 * - `priority`: the highest priority wins (ties: the newest); the others are ducked by a factor
 *   and can only win if they are still stronger after ducking (as Meta's haptics);
 * - `channel`: like `max`, but a pattern started on a channel already in use replaces the old
 *   one (patterns without a channel share one default channel under this rule).
 */
export type MixRule = 'max' | 'sum' | 'priority' | 'channel';

/** One pattern's value for an output at one instant. */
export interface Contribution {
  value: number;
  priority: number;
  /** Start order: higher = newer. */
  seq: number;
}

const stronger = (a: number, b: number): number => (Math.abs(b) > Math.abs(a) ? b : a);

/** The winner by priority, ties going to the newest. */
export function top(contributions: readonly Contribution[]): Contribution | undefined {
  let best: Contribution | undefined;
  for (const c of contributions)
    if (!best || c.priority > best.priority || (c.priority === best.priority && c.seq > best.seq)) best = c;
  return best;
}

/**
 * Combines contributions by a rule, before caps; undefined when nothing plays. Values are
 * clamped to −1..1 (rotation) or 0..1 by the caller.
 */
export function mix(rule: MixRule, contributions: readonly Contribution[], duck: number): number | undefined {
  if (contributions.length === 0) return undefined;
  if (rule === 'sum') {
    let s = 0;
    for (const c of contributions) s += c.value;
    return s;
  }
  if (rule === 'priority') {
    const winner = top(contributions)!;
    let v = winner.value;
    for (const c of contributions) if (c !== winner) v = stronger(v, c.value * duck);
    return v;
  }
  let v = contributions[0]!.value;
  for (const c of contributions) v = stronger(v, c.value);
  return v;
}
