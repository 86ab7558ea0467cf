/**
 * The Fleshlight Launch's speed ↔ duration relation, shared by strokers that take "position at
 * speed" (Launch, Onyx, Keon, Titan). The Launch (firmware 1.2) takes a target position and a
 * speed, both 0–99; newer APIs speak "reach this position in N ms" instead.
 *
 * Facts (not code) from the Buttplug reference server's fleshlight_launch_helper.rs, which
 * carries the community-measured Launch formula (funjack/launchcontrol, syncydink):
 *   duration_ms = (speed / 250) ^ −0.95 × distance × 100 / 90
 *   speed       = 250 × (duration_ms × 90 / (distance × 100)) ^ −1.05
 * with speed as a fraction of the maximum (99) and distance a fraction 0..1 of the full stroke.
 * The two exponents are not exact inverses; a round trip lands within about one speed unit.
 */

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Milliseconds a stroke of `distance` (0..1) takes at `speed` (0..1). 0 when nothing moves. */
export function launchDuration(distance: number, speed: number): number {
  if (!(distance > 0) || !(speed > 0)) return 0;
  return Math.trunc(Math.pow(clamp01(speed) / 250, -0.95) * ((clamp01(distance) * 100) / 90));
}

/**
 * Speed (fraction of 99) that covers `distance` (0..1) in `durationMs`. May exceed 1 (or be
 * Infinity for 0 ms) for moves faster than the toy can go: callers clamp to their byte range,
 * as each toy's firmware expects. Zero distance means speed 0.
 */
export function launchSpeed(distance: number, durationMs: number): number {
  if (!(distance > 0)) return 0;
  return 250 * Math.pow((durationMs * 90) / (Math.min(distance, 1) * 100), -1.05);
}

/** A float as a byte the way the toys expect it: truncated, clamped to 0–255, NaN as 0. */
export const saturatingByte = (x: number): number =>
  Number.isNaN(x) ? 0 : Math.max(0, Math.min(255, Math.trunc(x)));
