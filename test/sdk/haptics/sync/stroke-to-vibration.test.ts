import { describe, expect, it } from 'vitest';
import { planStroke, vibrationAt, vibrationModeOf } from '../../../../sdk/index.js';
import { valueAt } from '../../../../sdk/haptics/sync/keyframes.js';

const kf = [
  { at: 0, value: 0 },
  { at: 500, value: 1 },
  { at: 1500, value: 0.5 },
];

describe('stroke → vibration modes', () => {
  it('speed: |Δpos| per second over fullSpeed, held over the stroke, scaled by rate', () => {
    expect(vibrationAt(kf, 100, { mode: 'speed' })).toBeCloseTo(0.5); // 2 /s of 4
    expect(vibrationAt(kf, 600, { mode: 'speed' })).toBeCloseTo(0.125); // 0.5 /s
    expect(vibrationAt(kf, 100, { mode: 'speed', rate: 2 })).toBeCloseTo(1);
    expect(vibrationAt(kf, 100, { mode: 'speed', fullSpeed: 1 })).toBe(1);
  });
  it('position: the interpolated position', () => {
    expect(vibrationAt(kf, 250, { mode: 'position' })).toBeCloseTo(0.5);
    expect(vibrationAt(kf, 1000, { mode: 'position' })).toBeCloseTo(0.75);
  });
  it('speed-position: speed × position', () => {
    expect(vibrationAt(kf, 250, { mode: 'speed-position' })).toBeCloseTo(0.25);
  });
  it('half-duration: the speed level, then silence for the second half', () => {
    expect(vibrationAt(kf, 200, { mode: 'half-duration' })).toBeCloseTo(0.5);
    expect(vibrationAt(kf, 300, { mode: 'half-duration' })).toBe(0);
  });
  it('is silent before the first stroke and undefined past the end', () => {
    const late = [
      { at: 1000, value: 0 },
      { at: 1200, value: 1 },
    ];
    expect(vibrationAt(late, 10, { mode: 'speed' })).toBe(0);
    expect(vibrationAt(kf, 1501, { mode: 'speed' })).toBeUndefined();
    expect(valueAt(kf, 1500)).toBe(0.5);
  });
  it('the script metadata can pick a mode', () => {
    expect(vibrationModeOf({ vibration_mode: 'position' })).toBe('position');
    expect(vibrationModeOf({ vibrationMode: 'half-duration' })).toBe('half-duration');
    expect(vibrationModeOf({ vibration_mode: 'loud' })).toBeUndefined();
  });
});

describe('planStroke', () => {
  it('aims at the next keyframe over the remaining time, ÷ rate', () => {
    expect(planStroke({ keyframes: kf, scriptMs: 100, rate: 1, from: 0 })).toEqual({
      value: 1,
      durationMs: 400,
      keyframeIndex: 1,
      clipped: false,
    });
    expect(planStroke({ keyframes: kf, scriptMs: 500, rate: 2, from: 1 })!.durationMs).toBe(500);
    expect(planStroke({ keyframes: kf, scriptMs: 1500, rate: 1, from: 0.5 })).toBeUndefined();
  });
  it('clips a stroke beyond the speed limit toward the target', () => {
    const m = planStroke({ keyframes: kf, scriptMs: 300, rate: 1, from: 0, speedLimit: 2 })!;
    expect(m.clipped).toBe(true);
    expect(m.value).toBeCloseTo(0.4);
    expect(m.durationMs).toBe(200);
  });
});
