/**
 * The Fleshlight Launch's speed ↔ duration relation. The Launch (firmware 1.2) takes a target
 * position and a speed, both 0–99; newer APIs speak "reach this position in N ms" instead.
 *
 * Facts (not code) from the Buttplug reference server's fleshlight_launch_helper.rs, which
 * carries the community-measured Launch formula (funjack/launchcontrol, syncydink):
 *   duration_ms = (speed / 250) ^ −0.95 × distance × 100 / 90
 *   speed       = 250 × (duration_ms × 90 / (distance × 100)) ^ −1.05
 * with speed as a fraction 0..1 of the maximum (99) and distance as a fraction 0..1 of the
 * full stroke. The two exponents are not exact inverses; a round trip lands within about one
 * speed unit.
 */

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Milliseconds a stroke of `distance` (0..1) takes at `speed` (0..1). 0 when nothing moves. */
export function launchDuration(distance: number, speed: number): number {
  if (!(distance > 0) || !(speed > 0)) return 0;
  const d = clamp01(distance);
  const s = clamp01(speed);
  return Math.trunc(Math.pow(s / 250, -0.95) * ((d * 100) / 90));
}

/** Speed (0..1) that covers `distance` (0..1) in `durationMs`. Too fast for the toy → 1. */
export function launchSpeed(distance: number, durationMs: number): number {
  if (!(distance > 0)) return 0;
  const d = clamp01(distance);
  const s = 250 * Math.pow((durationMs * 90) / (d * 100), -1.05);
  return Number.isFinite(s) ? clamp01(s) : 1;
}
