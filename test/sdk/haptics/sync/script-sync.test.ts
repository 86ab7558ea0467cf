import { describe, expect, it } from 'vitest';
import {
  ScriptSync,
  VirtualClock,
  parseFunscript,
  scriptSetOf,
  type SyncProgress,
  type ScriptSyncOptions,
} from '../../../../sdk/index.js';
import { RecordingTarget, SimMedia, arrivalErrors, mean, quantile, strokes } from './sim.js';

const setOf = (json: unknown) => scriptSetOf(parseFunscript(json));
const STROKES = strokes(500, 0, 600_000);
const TIMES = STROKES.actions.map((a) => a.at);

function run(
  opts: {
    interval?: number;
    timingJitter?: number;
    valueJitter?: number;
    gap?: number;
    latency?: number;
    script?: unknown;
    withStop?: boolean;
    maxSpeed?: number;
    kind?: 'position' | 'intensity';
    start?: number;
  } & Partial<Omit<ScriptSyncOptions, 'clock$' | 'clock' | 'targets'>> = {},
) {
  const clock = new VirtualClock(1_000_000);
  const media = new SimMedia(
    clock,
    opts.interval ?? 16,
    opts.timingJitter ?? 0,
    opts.valueJitter ?? 0,
    opts.start ?? 0,
  );
  const target = new RecordingTarget(
    clock,
    opts.kind ?? 'position',
    opts.gap ?? 50,
    opts.latency ?? 80,
    opts.withStop,
    opts.maxSpeed,
  );
  const {
    interval,
    timingJitter,
    valueJitter,
    gap,
    latency,
    script,
    withStop,
    maxSpeed,
    kind,
    start,
    ...rest
  } = opts;
  void [interval, timingJitter, valueJitter, gap, latency, withStop, maxSpeed, kind, start];
  const sync = new ScriptSync(setOf(script ?? STROKES), {
    clock$: media.report$,
    clock,
    targets: [target],
    softStartMs: 0,
    ...rest,
  });
  const progress: SyncProgress[] = [];
  sync.progress$.subscribe((p) => progress.push(p));
  media.start();
  return { clock, media, target, sync, progress };
}

describe('ScriptSync on a stroker (virtual time)', () => {
  it('per-frame reports: every stroke arrives on its action, sent early by the latency', () => {
    const { clock, media, target } = run({ interval: 16, valueJitter: 2 });
    clock.advance(20_000);
    const errs = arrivalErrors(target.after(1_002_000), 80, TIMES, media);
    expect(errs.length).toBeGreaterThan(30);
    expect(Math.abs(mean(errs))).toBeLessThanOrEqual(5);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(20);
    // "move to the next position over the remaining time": alternate 0/1 over ≈500 ms each
    const mid = target.after(1_010_000).slice(0, 4);
    expect(mid.map((s) => s.value).sort()).toEqual([0, 0, 1, 1]);
    for (const s of mid) expect(s.durationMs).toBeGreaterThan(480);
  });

  it('1 Hz reports with ±100 ms jitter: no false seeks, p99 arrival error ≤ 25 ms', () => {
    const { clock, media, target, progress } = run({ interval: 1000, timingJitter: 100, valueJitter: 100 });
    clock.advance(300_000);
    expect(progress.filter((p) => p.event === 'seek')).toEqual([]);
    const errs = arrivalErrors(target.after(1_030_000), 80, TIMES, media);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(25);
  });

  it('250 ms coarse clock with timing jitter stays within a few ms', () => {
    const { clock, media, target } = run({ interval: 250, timingJitter: 40, valueJitter: 10 });
    clock.advance(60_000);
    const errs = arrivalErrors(target.after(1_010_000), 80, TIMES, media);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(20);
  });

  it('seek forward: detected within one report, re-planned to the action after the new position, never sweeping', () => {
    const { clock, media, target, progress } = run({ interval: 250 });
    clock.advance(5_100);
    media.seek(20_130);
    const seekAt = clock.now();
    clock.advance(260);
    expect(progress.some((p) => p.event === 'seek')).toBe(true);
    const after = target.after(seekAt);
    expect(after.length).toBeGreaterThan(0);
    const first = after[0]!;
    expect(first.at - seekAt).toBeLessThanOrEqual(260);
    // aims at 20 500 (pos 100 → 1): remaining time from where the toy acts
    const media0 = media.position(first.at + 80);
    expect(first.value).toBe(1);
    expect(first.durationMs).toBeCloseTo(20_500 - media0, -1);
    // no command between the seek and the first re-planned one aimed at the skipped region
    clock.advance(3000);
    for (const s of target.after(seekAt)) expect(media.position(s.at)).toBeGreaterThan(20_000);
  });

  it('seek backward re-plans from the earlier position', () => {
    const { clock, media, target, progress } = run({ interval: 100 });
    clock.advance(30_000);
    media.seek(2_200);
    const seekAt = clock.now();
    clock.advance(150);
    expect(progress.filter((p) => p.event === 'seek')).toHaveLength(1);
    const first = target.after(seekAt)[0]!;
    expect(first.value).toBe(1); // 2 500 is pos 100
    expect(first.durationMs! + 80 + (first.at - seekAt)).toBeGreaterThan(200);
    expect(first.durationMs!).toBeLessThan(300);
  });

  it('seek into a gap moves to the action after the gap over the remaining time', () => {
    const script = {
      actions: [
        { at: 0, pos: 0 },
        { at: 1000, pos: 100 },
        { at: 40_000, pos: 0 },
        { at: 40_500, pos: 100 },
      ],
    };
    const { clock, media, target } = run({ interval: 100, script });
    clock.advance(2000);
    media.seek(15_000);
    const seekAt = clock.now();
    clock.advance(120);
    const first = target.after(seekAt)[0]!;
    expect(first.value).toBeCloseTo(0);
    expect(first.durationMs).toBeGreaterThan(24_800);
    expect(first.durationMs).toBeLessThan(25_000);
    // nothing else until the gap ends
    clock.advance(20_000);
    expect(target.after(seekAt)).toHaveLength(1);
  });

  it('seek past the end: no more strokes, and a later seek back resumes', () => {
    const script = strokes(500, 0, 10_000);
    const { clock, media, target } = run({ interval: 100, script });
    clock.advance(3000);
    media.seek(50_000);
    const seekAt = clock.now();
    clock.advance(5000);
    expect(target.after(seekAt)).toEqual([]);
    media.seek(1000);
    const backAt = clock.now();
    clock.advance(1000);
    expect(target.after(backAt).length).toBeGreaterThan(0);
  });

  it('pause stops the toy within one command gap; resume ramps in over the soft start', () => {
    const { clock, media, target } = run({ interval: 100, gap: 50, softStartMs: 2000 });
    clock.advance(5_120);
    media.pause();
    media.emit();
    const pauseAt = clock.now();
    clock.advance(3000);
    const during = target.after(pauseAt);
    expect(during).toHaveLength(1); // hold where it is
    expect(during[0]!.at - pauseAt).toBeLessThanOrEqual(50);
    expect(during[0]!.durationMs).toBe(0);

    media.play();
    media.emit();
    const resumeAt = clock.now();
    clock.advance(6000);
    const after = target.after(resumeAt);
    const amplitude = (s: { value: number }) => Math.abs(s.value - 0.5);
    expect(amplitude(after[0]!)).toBeLessThan(0.4);
    expect(amplitude(after[1]!)).toBeGreaterThan(amplitude(after[0]!));
    expect(amplitude(after.at(-1)!)).toBeCloseTo(0.5);
  });

  it('pause with a target that can stop calls stop at once', () => {
    const { clock, media, target } = run({ interval: 100, withStop: true });
    clock.advance(2_030);
    media.pause();
    media.emit();
    expect(target.stops).toEqual([clock.now()]);
    clock.advance(2000);
    expect(target.after(clock.now() - 2000)).toEqual([]);
  });

  it.each([0.25, 1.5, 4])('rate %s×: durations are script time ÷ rate, arrivals on time', (rate) => {
    const { clock, media, target, progress } = run({ interval: 100, gap: 20, latency: 40 });
    clock.advance(3000);
    media.setRate(rate);
    media.emit();
    const at = clock.now();
    clock.advance(40_000 / rate);
    expect(progress.some((p) => p.event === 'rate')).toBe(true);
    const later = target.after(at + 2000 / rate);
    for (const s of later.slice(1, -1)) expect(s.durationMs!).toBeCloseTo(500 / rate, -1);
    const errs = arrivalErrors(later, 40, TIMES, media);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(5);
  });

  it.each([-3000, 3000])('offset %s ms shifts every arrival by the offset', (offsetMs) => {
    const { clock, media, target } = run({ interval: 50, offsetMs, start: 10_000 });
    clock.advance(10_000);
    const errs = arrivalErrors(target.after(1_003_000), 80, TIMES, media, offsetMs);
    expect(errs.length).toBeGreaterThan(10);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(5);
  });

  it('offsets outside −3000…3000 are refused; a live change sends nothing at once and the next strokes follow it', () => {
    const { clock, media, target, sync } = run({ interval: 50 });
    expect(() => sync.setOffset(3001)).toThrow(/offsetMs must be from -3000 to 3000/);
    clock.advance(5_000);
    const before = target.sent.length;
    sync.setOffset(120);
    expect(target.sent.length).toBe(before);
    expect(sync.offsetMs).toBe(120);
    clock.advance(10_000);
    const errs = arrivalErrors(target.after(1_007_000), 80, TIMES, media, 120);
    expect(quantile(errs.map(Math.abs), 0.99)).toBeLessThanOrEqual(5);
    // no stroke faster than the script's own (no glitch)
    for (const s of target.after(1_005_000)) expect(s.durationMs!).toBeGreaterThan(300);
  });

  it('a device slower than the script gets clipped strokes at its own pace, never a backlog', () => {
    const script = strokes(60, 0, 20_000); // a full stroke every 60 ms
    const { clock, target } = run({ interval: 16, gap: 200, latency: 100, maxSpeed: 3, script });
    clock.advance(10_000);
    const sent = target.after(1_000_001);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(200);
    expect(sent.length).toBeLessThanOrEqual(10_000 / 200 + 1);
    for (let i = 1; i < sent.length; i++) {
      const travel = Math.abs(sent[i]!.value - sent[i - 1]!.value);
      expect(travel).toBeLessThanOrEqual((3 * sent[i]!.durationMs!) / 1000 + 1e-9);
    }
  });

  it('range maps positions into [min, max]; stop() stops and completes done$', async () => {
    const { clock, target, sync } = run({ interval: 50, range: [0.2, 0.6] });
    clock.advance(3000);
    for (const s of target.sent) expect(s.value).toBeGreaterThanOrEqual(0.2 - 1e-9);
    for (const s of target.sent) expect(s.value).toBeLessThanOrEqual(0.6 + 1e-9);
    let done = false;
    sync.done$.subscribe(() => (done = true));
    await sync.stop();
    expect(done).toBe(true);
    const n = target.sent.length;
    clock.advance(3000);
    expect(target.sent.length).toBe(n);
  });

  it('user pause and resume stop and restart the outputs while the media plays', () => {
    const { clock, target, sync } = run({ interval: 50 });
    clock.advance(2000);
    sync.pause();
    const at = clock.now();
    clock.advance(2000);
    expect(target.after(at).length).toBe(1);
    sync.resume();
    clock.advance(2000);
    expect(target.after(at + 2000).length).toBeGreaterThan(2);
  });
});

describe('ScriptSync on a vibrator', () => {
  it('samples once per gap, converts strokes with the metadata mode, drops to 0 on pause and past the end', () => {
    const script = { ...strokes(500, 0, 5000), metadata: { vibration_mode: 'half-duration' } };
    const { clock, media, target } = run({ interval: 50, kind: 'intensity', gap: 100, latency: 0, script });
    clock.advance(3000);
    const values = target.sent.map((s) => s.value);
    expect(values).toContain(0);
    expect(Math.max(...values)).toBeCloseTo(0.5); // 1 range / 0.5 s = 2 /s of full speed 4
    for (let i = 1; i < target.sent.length; i++)
      expect(target.sent[i]!.at - target.sent[i - 1]!.at).toBeGreaterThanOrEqual(100);
    clock.advance(50); // mid-stroke, the level is up
    const n = target.sent.length;
    const level = target.sent.at(-1)!.value;
    expect(level).toBeGreaterThan(0);
    media.pause();
    media.emit();
    const at = clock.now();
    clock.advance(500);
    const during = target.sent.slice(n);
    expect(during.map((s) => s.value)).toEqual(level === 0 ? [] : [0]);
    for (const s of during) expect(s.at - at).toBeLessThanOrEqual(100);
    media.play();
    media.seek(6000);
    media.emit();
    clock.advance(1000);
    expect(target.sent.at(-1)!.value).toBe(0);
  });

  it('a V0 track drives a vibrator directly', () => {
    const script = {
      actions: [{ at: 0, pos: 0 }],
      axes: [
        {
          id: 'V0',
          actions: [
            { at: 0, pos: 0 },
            { at: 2000, pos: 100 },
          ],
        },
      ],
    };
    const { clock, target } = run({ interval: 50, kind: 'intensity', gap: 100, latency: 0, script });
    clock.advance(1000);
    expect(target.sent.at(-1)!.value).toBeCloseTo(0.5, 1);
  });
});
