import { describe, expect, it } from 'vitest';
import type { ResolvedOutput } from '../../../server-embedded/devices/config/database.js';
import {
  advertisedRange,
  checkStep,
  deviceValue,
  scalarToSteps,
} from '../../../server-embedded/devices/steps.js';

const out = (o: Partial<ResolvedOutput>): ResolvedOutput => ({
  type: 'Vibrate',
  base: [0, 20],
  reverse: false,
  disabled: false,
  ...o,
});

describe('step arithmetic', () => {
  it('rounds levels up, with the reference float behaviour and 1e-6 epsilon', () => {
    expect(scalarToSteps(127, 0.5)).toBe(64);
    expect(scalarToSteps(20, 0.5)).toBe(10);
    expect(scalarToSteps(100, 0.07)).toBe(8); // 100 × 0.07 = 7.000000000000001 in IEEE doubles
    expect(scalarToSteps(100, 0.0000009)).toBe(0);
    expect(scalarToSteps(100, 0.001)).toBe(1);
    expect(scalarToSteps(100, 1)).toBe(100);
  });

  it('advertises [0,N] or [-N,N], shrunk by user ranges', () => {
    expect(advertisedRange(out({}))).toEqual([0, 20]);
    expect(advertisedRange(out({ type: 'Rotate', base: [-20, 20] }))).toEqual([-20, 20]);
    expect(advertisedRange(out({ user: [5, 15] }))).toEqual([0, 10]);
  });

  it('offsets non-zero values by the user minimum; 0 stays off', () => {
    const o = out({ user: [5, 15] });
    expect(deviceValue(o, 0)).toBe(0);
    expect(deviceValue(o, 1)).toBe(6);
    expect(deviceValue(o, 10)).toBe(15);
    expect(deviceValue(out({ type: 'Rotate', base: [-20, 20] }), -7)).toBe(-7);
  });

  it('mirrors reversed positions and keeps 0 at the start for Position', () => {
    expect(deviceValue(out({ type: 'Position', base: [0, 100] }), 0)).toBe(0);
    expect(deviceValue(out({ type: 'Position', base: [0, 100], reverse: true }), 30)).toBe(70);
    expect(deviceValue(out({ type: 'HwPositionWithDuration', base: [0, 100], reverse: true }), 0)).toBe(0);
  });

  it('refuses values beyond the range and signs an output cannot take', () => {
    expect(checkStep(out({}), 21)?.reason).toBe('DeviceStepRangeError');
    expect(checkStep(out({}), -1)?.reason).toBe('DeviceCommandSignError');
    expect(checkStep(out({ type: 'Position', base: [0, 100] }), -1)?.reason).toBe('DeviceStepRangeError');
    expect(checkStep(out({ type: 'Rotate', base: [-20, 20] }), -20)).toBeUndefined();
    expect(checkStep(out({ user: [5, 15] }), 11)?.reason).toBe('DeviceStepRangeError');
  });
});
