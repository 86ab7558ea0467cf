import type { Device } from '../../client/device.js';
import type { Output } from '../../client/output.js';
import type { SyncTarget } from './target.js';

/** Options of {@link outputSyncTarget}. */
export interface OutputSyncTargetOptions {
  /**
   * Calibrated per-device latency (ms, e.g. from `CalibrationStore`), added to the device's
   * message gap (the longest the server may hold a command back). Default 0.
   */
  calibrationMs?: number;
  /** Most the stroker travels, in full ranges per second. */
  maxSpeed?: number;
}

/**
 * A {@link SyncTarget} for one client {@link Output}: `HwPositionWithDuration` and `Position`
 * outputs are strokers, every other type takes levels 0..1 (vibrate, rotate, oscillate…).
 * Latency = the device's message gap + `calibrationMs`.
 */
export function outputSyncTarget(
  device: Pick<Device, 'messageTimingGap'>,
  output: Output,
  options: OutputSyncTargetOptions = {},
): SyncTarget {
  const gapMs = Math.max(0, device.messageTimingGap);
  const base = { gapMs, latencyMs: Math.max(0, gapMs + (options.calibrationMs ?? 0)) };
  const maxSpeed = options.maxSpeed !== undefined ? { maxSpeed: options.maxSpeed } : {};
  if (output.type === 'HwPositionWithDuration') {
    return {
      kind: 'position',
      ...base,
      ...maxSpeed,
      send: (value, durationMs = 0) => {
        const [lo, hi] = output.durationRange ?? [0, Number.MAX_SAFE_INTEGER];
        return output.moveTo(value, Math.min(hi, Math.max(lo, Math.round(durationMs))));
      },
    };
  }
  if (output.type === 'Position')
    return { kind: 'position', ...base, ...maxSpeed, send: (value) => output.set(value) };
  return {
    kind: 'intensity',
    ...base,
    send: (value) => output.set(Math.min(1, Math.max(0, value))),
    stop: () => output.set(0),
  };
}
