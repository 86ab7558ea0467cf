import { describe, expect, it } from 'vitest';
import { compilePattern, parsePattern } from '../../../sdk/index.js';
import { envelopeAt, mixTracks, tracksFor } from '../../../sdk/haptics/evaluate.js';

const ctx = { slotMs: 0, minLevel: 0.05 };
const valueAt = (json: unknown, t: number, c = ctx) => {
  const p = compilePattern(parsePattern(json));
  return mixTracks(tracksFor(p, 'Vibrate', 0), 'Vibrate', t, c);
};
const ramp = {
  version: 1,
  tracks: [
    {
      keyframes: [
        { at: 0, value: 0 },
        { at: 1000, value: 1 },
      ],
    },
  ],
};

describe('pattern evaluation', () => {
  it('interpolates keyframes linearly, with easing per segment, and step holds', () => {
    expect(valueAt(ramp, 250)).toBeCloseTo(0.25);
    expect(valueAt(ramp, 1000)).toBeUndefined(); // the track ends at its last keyframe
    const eased = {
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0, ease: 'easeIn' },
            { at: 1000, value: 1 },
          ],
        },
      ],
    };
    expect(valueAt(eased, 500)).toBeCloseTo(0.125);
    const step = {
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0.3, ease: 'step' },
            { at: 1000, value: 1 },
          ],
          duration: 2000,
        },
      ],
    };
    expect(valueAt(step, 999)).toBeCloseTo(0.3);
    expect(valueAt(step, 1500)).toBe(1); // holds the last value until duration
    const bez = {
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0, ease: { cubicBezier: [0, 0, 1, 1] } },
            { at: 100, value: 1 },
          ],
        },
      ],
    };
    expect(valueAt(bez, 30)).toBeCloseTo(0.3, 3);
  });

  it('plays waveforms with their shapes and an ADSR envelope', () => {
    const wave = (shape: string, extra = {}) => ({
      version: 1,
      tracks: [{ waveform: { shape, frequency: 1, duration: 4000, ...extra } }],
    });
    expect(valueAt(wave('sine'), 0)).toBeCloseTo(0);
    expect(valueAt(wave('sine'), 500)).toBeCloseTo(1);
    expect(valueAt(wave('square'), 400)).toBe(1);
    expect(valueAt(wave('square'), 600)).toBe(0);
    expect(valueAt(wave('triangle'), 250)).toBeCloseTo(0.5);
    expect(valueAt(wave('saw'), 1750)).toBeCloseTo(0.75);
    const n1 = valueAt(wave('noise', { seed: 7 }), 1300)!;
    expect(n1).toBeGreaterThanOrEqual(0);
    expect(n1).toBeLessThanOrEqual(1);
    expect(valueAt(wave('noise', { seed: 7 }), 1300)).toBe(n1); // repeatable
    expect(valueAt(wave('square', { min: 0.2, amplitude: 0.8 }), 600)).toBeCloseTo(0.2);
    expect(envelopeAt({ attack: 100, decay: 100, sustain: 0.5, release: 200 }, 50, 1000)).toBeCloseTo(0.5);
    expect(envelopeAt({ attack: 100, decay: 100, sustain: 0.5, release: 200 }, 150, 1000)).toBeCloseTo(0.75);
    expect(envelopeAt({ attack: 100, decay: 100, sustain: 0.5, release: 200 }, 500, 1000)).toBeCloseTo(0.5);
    expect(envelopeAt({ attack: 100, decay: 100, sustain: 0.5, release: 200 }, 900, 1000)).toBeCloseTo(0.25);
    // Frequency breakpoints: 0 Hz then 2 Hz; cycles integrate the linear ramp.
    const chirp = wave('saw', {
      frequencyKeyframes: [
        { at: 0, value: 0 },
        { at: 1000, value: 2 },
      ],
    });
    expect(valueAt(chirp, 1000)).toBeCloseTo(0, 5); // exactly one cycle done
    expect(valueAt(chirp, 500)).toBeCloseTo(0.25);
  });

  it('loops tracks and patterns, and plays sequences back to back', () => {
    const looped = {
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0 },
            { at: 100, value: 1 },
          ],
          loop: 3,
        },
      ],
    };
    const p = compilePattern(parsePattern(looped));
    expect(p.iterationMs).toBe(300);
    expect(valueAt(looped, 150)).toBeCloseTo(0.5);
    expect(valueAt(looped, 299)).toBeCloseTo(0.99);
    expect(valueAt(looped, 300)).toBeUndefined();
    const forever = compilePattern(
      parsePattern({ ...looped, tracks: [{ ...looped.tracks[0], loop: 'forever' }] }),
    );
    expect(forever.iterationMs).toBe(Infinity);
    const seq = {
      version: 1,
      tracks: [
        {
          sequence: [
            { keyframes: [{ at: 0, value: 0.2 }], duration: 100 },
            { keyframes: [{ at: 0, value: 0.6 }], duration: 100, offset: 50 },
          ],
        },
      ],
    };
    expect(compilePattern(parsePattern(seq)).iterationMs).toBe(250);
    expect(valueAt(seq, 50)).toBeCloseTo(0.2);
    expect(valueAt(seq, 120)).toBeUndefined(); // the second child's offset is a gap
    expect(valueAt(seq, 200)).toBeCloseTo(0.6);
  });

  it('layers tracks by blend: max by default, sum and multiply (an envelope)', () => {
    const layered = (blend: string) => ({
      version: 1,
      tracks: [
        { keyframes: [{ at: 0, value: 0.5 }], duration: 100 },
        { keyframes: [{ at: 0, value: 0.4 }], duration: 100, blend },
      ],
    });
    expect(valueAt(layered('max'), 10)).toBeCloseTo(0.5);
    expect(valueAt(layered('sum'), 10)).toBeCloseTo(0.9);
    expect(valueAt(layered('multiply'), 10)).toBeCloseTo(0.2);
  });

  it('widens transients to a send slot and idles at the lowest step between close hits', () => {
    const hits = {
      version: 1,
      tracks: [
        {
          transients: [
            { at: 0, value: 1 },
            { at: 300, value: 0.8 },
            { at: 1000, value: 1 },
          ],
        },
      ],
    };
    expect(valueAt(hits, 20)).toBe(1);
    expect(valueAt(hits, 60)).toBe(0); // the 30 ms hit is over and the next is 270 ms away (> holdMs 250)
    expect(valueAt(hits, 60, { slotMs: 100, minLevel: 0.05 })).toBe(1); // widened to the 100 ms slot
    expect(valueAt(hits, 200, { slotMs: 100, minLevel: 0.05 })).toBe(0.05); // never 0 between close hits
    expect(valueAt(hits, 600, { slotMs: 100, minLevel: 0.05 })).toBe(0); // a long gap lets the motor stop
  });
});
