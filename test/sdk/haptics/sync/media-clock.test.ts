import { describe, expect, it } from 'vitest';
import { MediaClockTracker, SeekDetector } from '../../../../sdk/index.js';

/** Deterministic uniform noise in [-1, 1). */
function noise(seed = 7) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x40000000 - 1;
  };
}

describe('MediaClockTracker', () => {
  it('extrapolates between reports at the reported rate', () => {
    const t = new MediaClockTracker();
    expect(t.report({ positionMs: 1000, playing: true, rate: 1.5 }, 0)).toBe('lock');
    expect(t.positionAt(400)).toBe(1600);
    expect(t.localTimeOf(1600)).toBe(400);
  });

  it('slews toward a small error instead of jumping (≤ 10 % of elapsed time)', () => {
    const t = new MediaClockTracker({ minStepMs: 40 });
    t.report({ positionMs: 0, playing: true, rate: 1 }, 0);
    // two consistent +250 ms reports = a step, corrected in full but slewed
    expect(t.report({ positionMs: 1250, playing: true, rate: 1 }, 1000)).toBe('track');
    expect(t.report({ positionMs: 2250, playing: true, rate: 1 }, 2000)).toBe('step');
    const p0 = t.positionAt(2000);
    expect(t.positionAt(2010) - p0).toBeCloseTo(11);
    // fully corrected after the slew has run
    expect(t.positionAt(2000)).toBe(2000);
    expect(t.positionAt(5000)).toBeCloseTo(5250, 0);
  });

  it('detects a 300 ms seek in one report, both ways', () => {
    const t = new MediaClockTracker();
    t.report({ positionMs: 0, playing: true, rate: 1 }, 0);
    expect(t.report({ positionMs: 1300, playing: true, rate: 1 }, 1000)).toBe('seek');
    expect(t.positionAt(1000)).toBe(1300);
    expect(t.report({ positionMs: 1999, playing: true, rate: 1 }, 2000)).toBe('seek');
    expect(t.positionAt(2000)).toBe(1999);
  });

  it('no false seeks from 1 Hz reports with ±100 ms jitter over an hour', () => {
    const t = new MediaClockTracker();
    const r = noise();
    const events: string[] = [];
    let now = 0;
    for (let i = 0; i < 3600; i++) {
      now += 1000 + 100 * r();
      events.push(t.report({ positionMs: now + 100 * r(), playing: true, rate: 1 }, now));
    }
    expect(events.filter((e) => e === 'seek')).toEqual([]);
    expect(Math.abs(t.positionAt(now) - now)).toBeLessThan(25);
    expect(t.jitterMs).toBeGreaterThan(30); // it measured the jitter, so it averages it
  });

  it('follows a media clock that drifts 100 ppm', () => {
    const t = new MediaClockTracker();
    let now = 0;
    for (let i = 0; i <= 14_400; i++, now += 250)
      t.report({ positionMs: now * 1.0001, playing: true, rate: 1 }, now);
    expect(Math.abs(t.positionAt(now) - now * 1.0001)).toBeLessThan(5);
  });

  it('pause holds, resume re-anchors, rate changes keep the position', () => {
    const t = new MediaClockTracker();
    t.report({ positionMs: 0, playing: true, rate: 1 }, 0);
    expect(t.report({ positionMs: 500, playing: false, rate: 1 }, 500)).toBe('pause');
    expect(t.positionAt(5000)).toBe(500);
    expect(t.localTimeOf(600)).toBeUndefined();
    expect(t.report({ positionMs: 500, playing: true, rate: 1 }, 9000)).toBe('resume');
    expect(t.positionAt(9100)).toBe(600);
    expect(t.report({ positionMs: 1000, playing: true, rate: 2 }, 9500)).toBe('rate');
    expect(t.positionAt(9500)).toBe(1000);
    expect(t.positionAt(9600)).toBeCloseTo(1200);
    expect(t.report({ positionMs: 9000, playing: false, rate: 2 }, 9700)).toBe('pause');
    expect(t.report({ positionMs: 7000, playing: true, rate: 2 }, 9800)).toBe('seek');
  });
});

describe('SeekDetector', () => {
  it('calls a repeated same-sign outlier a step, a single one noise', () => {
    const d = new SeekDetector();
    expect(d.classify(120, 5)).toBe('outlier');
    expect(d.classify(-120, 5)).toBe('outlier');
    expect(d.classify(-120, 5)).toBe('step');
    expect(d.classify(120, 40)).toBe('noise'); // within 4σ of a jittery source
    expect(d.classify(120, 40)).toBe('noise');
    expect(d.classify(300, 1)).toBe('seek');
  });
});
