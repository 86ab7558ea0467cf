import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePattern, importAhap, importLofelt, PlugkitError } from '../../../sdk/index.js';
import { mixTracks, tracksFor } from '../../../sdk/haptics/evaluate.js';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url), 'utf8');
const ctx = { slotMs: 0, minLevel: 0.05 };
const at = (p: ReturnType<typeof importAhap>, motor: number, t: number) =>
  mixTracks(tracksFor(compilePattern(p), 'Vibrate', motor), 'Vibrate', t, ctx);

const failure = (fn: () => unknown): PlugkitError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlugkitError);
    return err as PlugkitError;
  }
  throw new Error('expected an import error');
};

describe('AHAP import', () => {
  const p = importAhap(sample('heartbeat.ahap'));

  it('turns transients into hits on motor 0 and sharpness × intensity on motor 1', () => {
    expect(at(p, 0, 10)).toBe(1);
    expect(at(p, 1, 10)).toBeCloseTo(0.5);
    expect(at(p, 0, 160)).toBeCloseTo(0.6);
    expect(at(p, 1, 160)).toBeCloseTo(0.3); // default sharpness 0.5
  });

  it('keeps the continuous envelope (attack, release) scaled by the intensity curve', () => {
    expect(at(p, 0, 600)).toBeCloseTo(0.8 * 0.5 * 0.9, 2); // half-way up the 200 ms attack; curve at 0.9
    expect(at(p, 0, 900)).toBeCloseTo(0.8 * 0.6, 2); // sustained; curve down to 0.6
    expect(at(p, 0, 1300)).toBeCloseTo(0.8 * 0.5 * 0.5, 2); // half-way down the release; curve held at 0.5
    expect(at(p, 1, 900)).toBeCloseTo(0.8 * 0.25 * 0.6, 2);
    expect(compilePattern(p).iterationMs).toBe(1500);
  });

  it('names the path of a bad field', () => {
    const bad = JSON.parse(sample('heartbeat.ahap'));
    bad.Pattern[2].Event.EventParameters[1].ParameterValue = 'sharp';
    const err = failure(() => importAhap(bad));
    expect(err.message).toBe(
      'AHAP Pattern[2].Event.EventParameters[1].ParameterValue: must be a number; got "sharp".',
    );
    expect(failure(() => importAhap('{')).message).toMatch(/^AHAP \(root\): is not valid JSON/);
    expect(failure(() => importAhap({ Version: 1 })).message).toMatch(/^AHAP Pattern: must be an array/);
  });
});

describe('.haptic (Lofelt / Meta) import', () => {
  const p = importLofelt(sample('rumble.haptic'));

  it('maps the amplitude envelope to motor 0 and frequency × amplitude to motor 1', () => {
    expect(at(p, 0, 250)).toBeCloseTo(0.25);
    expect(at(p, 1, 250)).toBeCloseTo(0.25 * 0.3);
    expect(at(p, 0, 750)).toBeCloseTo(0.75);
    expect(at(p, 1, 750)).toBeCloseTo(0.75 * 0.5);
  });

  it('turns emphasis into a hit over the envelope', () => {
    expect(at(p, 0, 510)).toBe(1);
    expect(at(p, 1, 510)).toBeCloseTo(0.8);
    expect(at(p, 0, 600)).toBeCloseTo(0.6); // the hit is over: back on the envelope, not zero
  });

  it('names the path of a bad field', () => {
    const bad = JSON.parse(sample('rumble.haptic'));
    bad.signals.continuous.envelopes.amplitude[1].emphasis.frequency = 2;
    expect(failure(() => importLofelt(bad)).message).toBe(
      '.haptic signals.continuous.envelopes.amplitude[1].emphasis.frequency: must be from 0 to 1; got 2.',
    );
    bad.signals.continuous.envelopes.amplitude[1].emphasis.frequency = 0.5;
    bad.signals.continuous.envelopes.amplitude[2].time = 0.2;
    expect(failure(() => importLofelt(bad)).message).toMatch(/amplitude\[2\]\.time: must be later/);
    expect(failure(() => importLofelt({ version: { major: 2 } })).message).toMatch(
      /^\.haptic version\.major: must be 1/,
    );
  });
});
