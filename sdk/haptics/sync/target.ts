/**
 * Where sync sends values: one actuator, seen through what pacing needs. Adapt a client
 * {@link Output} with `outputSyncTarget`, or implement it for anything else (a simulator, a TCode link).
 */
export interface SyncTarget {
  /**
   * `position`: a stroker axis; `send(position, durationMs)` moves there over the duration.
   * `intensity`: a vibrator, rotator…; `send(level)` sets a level 0..1.
   */
  readonly kind: 'position' | 'intensity';
  /** Least time between two commands (the device's message gap), ms. */
  readonly gapMs: number;
  /**
   * Expected time from `send` to the device acting on it, ms (the gap the server may hold a
   * command for, plus a calibrated per-device value). Commands are sent this much early.
   */
  readonly latencyMs: number;
  /** Most a stroker travels, in full ranges per second; sync clips strokes beyond it. */
  readonly maxSpeed?: number | undefined;
  /** Sends one value; sync never has more than one command in flight per target. */
  send(value: number, durationMs?: number): Promise<void>;
  /** Stops the actuator at once (bypassing pacing). Without it sync sends level 0 / holds position. */
  stop?(): Promise<void>;
}
