import { describe, expect, it } from 'vitest';
import {
  CalibrationStore,
  ManualMediaClock,
  Output,
  VirtualClock,
  calibrateOutput,
  calibrationKey,
  measureRoundTrip,
  mediaElementClock,
  outputSyncTarget,
  parseFunscript,
  syncScript,
  type MediaElementLike,
  type MediaReport,
  type OutputValue,
} from '../../../../sdk/index.js';

/** A stand-in for a <video>: an EventTarget with the fields the clock reads. */
class FakeVideo extends EventTarget {
  currentTime = 0;
  paused = true;
  ended = false;
  playbackRate = 1;
  fire(type: string) {
    this.dispatchEvent(new Event(type));
  }
}

function makeOutput(type: 'HwPositionWithDuration' | 'Vibrate', sent: OutputValue[]) {
  const feature = { index: 0, description: '', outputs: [], inputs: [] };
  const description =
    type === 'Vibrate'
      ? { type, range: [0, 20] as [number, number] }
      : { type, range: [0, 100] as [number, number], duration: [0, 10_000] as [number, number] };
  return new Output(async (_f, _o, v) => void sent.push(v), feature, description);
}

describe('mediaElementClock', () => {
  it('reports on subscribe and on media events; buffering counts as not playing', () => {
    const video = new FakeVideo();
    const reports: MediaReport[] = [];
    const sub = mediaElementClock(video as unknown as MediaElementLike).subscribe((r) => reports.push(r));
    expect(reports).toEqual([{ positionMs: 0, playing: false, rate: 1 }]);
    video.paused = false;
    video.currentTime = 1.5;
    video.fire('play');
    video.playbackRate = 2;
    video.fire('ratechange');
    video.fire('waiting');
    video.fire('playing');
    expect(reports.slice(1)).toEqual([
      { positionMs: 1500, playing: true, rate: 1 },
      { positionMs: 1500, playing: true, rate: 2 },
      { positionMs: 1500, playing: false, rate: 2 },
      { positionMs: 1500, playing: true, rate: 2 },
    ]);
    sub.unsubscribe();
    video.fire('timeupdate');
    expect(reports).toHaveLength(5);
  });
});

describe('ManualMediaClock', () => {
  it('runs on its clock and reports every change', () => {
    const clock = new VirtualClock();
    const m = new ManualMediaClock(clock);
    const reports: MediaReport[] = [];
    m.report$.subscribe((r) => reports.push(r));
    m.play();
    clock.advance(1000);
    m.setRate(2);
    clock.advance(500);
    m.pause();
    m.seek(100);
    expect(m.positionMs).toBe(100);
    expect(reports).toEqual([
      { positionMs: 0, playing: false, rate: 1 },
      { positionMs: 0, playing: true, rate: 1 },
      { positionMs: 1000, playing: true, rate: 2 },
      { positionMs: 2000, playing: false, rate: 2 },
      { positionMs: 100, playing: false, rate: 2 },
    ]);
  });
});

describe('outputSyncTarget', () => {
  it('turns a stroker output into a position target with gap + calibration latency', async () => {
    const sent: OutputValue[] = [];
    const t = outputSyncTarget({ messageTimingGap: 75 }, makeOutput('HwPositionWithDuration', sent), {
      calibrationMs: 20,
    });
    expect([t.kind, t.gapMs, t.latencyMs]).toEqual(['position', 75, 95]);
    await t.send(0.5, 20_000.4);
    expect(sent).toEqual([{ steps: 50, fraction: 0.5, durationMs: 10_000 }]);
  });

  it('turns a vibrator into an intensity target that can stop', async () => {
    const sent: OutputValue[] = [];
    const t = outputSyncTarget({ messageTimingGap: 100 }, makeOutput('Vibrate', sent));
    expect([t.kind, t.latencyMs]).toEqual(['intensity', 100]);
    await t.send(0.5);
    await t.stop!();
    expect(sent.map((v) => v.steps)).toEqual([10, 0]);
  });
});

describe('syncScript', () => {
  it('binds given targets and plays them on the given clock', () => {
    const clock = new VirtualClock();
    const media = new ManualMediaClock(clock);
    const sent: OutputValue[] = [];
    const target = outputSyncTarget({ messageTimingGap: 50 }, makeOutput('HwPositionWithDuration', sent));
    const script = parseFunscript({
      actions: [
        { at: 0, pos: 0 },
        { at: 500, pos: 100 },
        { at: 1000, pos: 0 },
      ],
    });
    const handle = syncScript({ devices: [] }, script, {
      clock$: media.report$,
      clock,
      targets: [target],
      softStartMs: 0,
    });
    media.play();
    clock.advance(1000);
    expect(sent.map((v) => v.steps)).toEqual([100, 0]);
    void handle.stop();
  });

  it('refuses a script without the track a target needs', () => {
    const clock = new VirtualClock();
    const media = new ManualMediaClock(clock);
    const script = parseFunscript({ actions: [{ at: 0, pos: 0 }] });
    const target = outputSyncTarget({ messageTimingGap: 50 }, makeOutput('Vibrate', []));
    expect(() =>
      syncScript({ devices: [] }, script, {
        clock$: media.report$,
        clock,
        targets: [{ target, axis: 'R1' }],
      }),
    ).toThrow(/no R1 \(roll\) track; it has L0/);
  });
});

describe('calibration', () => {
  it('measures a round trip on the virtual clock with a trimmed mean', async () => {
    const clock = new VirtualClock();
    const delays = [500, 500, 40, 42, 38, 41, 39, 300, 40, 40, 40, 40];
    let i = 0;
    const command = () => new Promise<void>((r) => clock.schedule(delays[i++]!, r));
    const pending = measureRoundTrip(command, clock, { samples: 10, warmup: 2, trim: 1 });
    for (let n = 0; n < 200 && i < delays.length; n++) await clock.advanceAsync(50);
    await clock.advanceAsync(1000);
    const r = await pending;
    expect(r.samples).toBe(8);
    expect(r.roundTripMs).toBeCloseTo(40.25, 1);
    expect(r.suggestedLatencyMs).toBeCloseTo(20.1, 1);
  });

  it('calibrates an output without repeating a value, leaves it off, and stores the offset', async () => {
    const clock = new VirtualClock();
    const sent: OutputValue[] = [];
    const output = makeOutput('Vibrate', sent);
    const store = new CalibrationStore();
    const pending = calibrateOutput(output, clock, store, 'Lush', { samples: 4, warmup: 0, spacingMs: 10 });
    for (let n = 0; n < 20; n++) await clock.advanceAsync(10);
    await pending;
    expect(sent.map((v) => v.steps)).toEqual([1, 0, 1, 0, 0]);
    expect(store.get('Lush')).toBe(0);
  });

  it('a store survives JSON, clamps to ±3000 ms and drops junk', () => {
    const store = new CalibrationStore();
    store.set('a', 12.6);
    store.set('b', 9000);
    const back = CalibrationStore.from(JSON.parse(JSON.stringify({ ...store.toJSON(), c: 'x' })));
    expect(back.toJSON()).toEqual({ a: 13, b: 3000 });
    expect(calibrationKey({ name: 'Lovense Lush', displayName: 'Lovense Lush' })).toBe('Lovense Lush');
    expect(calibrationKey({ name: 'Lovense Lush', displayName: 'Pink' })).toBe('Lovense Lush (Pink)');
  });
});
