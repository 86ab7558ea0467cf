/**
 * Stroke speed for Fleshlight-Launch-style strokers (Kiiroo Onyx, Keon, Titan): given the
 * fraction of the stroke to travel (0–1) and the time to take in ms, the speed (0–1 of the
 * device's 0–99 scale, possibly above 1 for very fast moves) that covers it in that time.
 * Empirical curve from the Launch firmware; zero distance means speed 0.
 */
export function launchSpeed(distance: number, durationMs: number): number {
  if (distance < 0) return 0;
  const d = Math.min(distance, 1);
  return 250 * Math.pow((durationMs * 90) / (d * 100), -1.05);
}

/** A float as a byte the way the toys expect it: truncated, clamped to 0–255, NaN as 0. */
export const saturatingByte = (x: number): number =>
  Number.isNaN(x) ? 0 : Math.max(0, Math.min(255, Math.trunc(x)));
