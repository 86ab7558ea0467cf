import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  HapticsEngine,
  parsePattern,
  type Pattern,
  type PlaybackEndReason,
  type PlayOptions,
} from '../../../sdk/index.js';
import { FakeToys, minSpacing } from './fake-toys.js';

const constant = (value: number, duration = 5000, output?: string) =>
  parsePattern({
    version: 1,
    tracks: [{ ...(output ? { output } : {}), keyframes: [{ at: 0, value }], duration }],
  });
const ramp = parsePattern({
  version: 1,
  tracks: [
    {
      keyframes: [
        { at: 0, value: 0 },
        { at: 1000, value: 1 },
      ],
    },
  ],
});

function setup(gap = 100, steps = 20) {
  const toys = new FakeToys();
  const toy = toys.add('Vibe', gap, [{ type: 'Vibrate', steps }]);
  const engine = new HapticsEngine(toys, { tickMs: 5 });
  return { toys, toy, engine };
}

describe('haptics engine: pacing', () => {
  it('sends at most once per the device gap, only on step changes, and returns to zero at the end', async () => {
    const { toys, toy, engine } = setup(100, 20);
    const handle = engine.play(ramp, { target: toy });
    const ended = firstValueFrom(handle.done$);
    await toys.clock.advanceAsync(1500);
    expect(await ended).toBe('finished');
    const sent = toys.to(toy);
    expect(minSpacing(sent)).toBeGreaterThanOrEqual(100);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent.length).toBeGreaterThanOrEqual(9);
    expect(sent.at(-1)!.value).toBe(0);
    const rising = sent.slice(0, -1).map((s) => s.value);
    expect(rising).toEqual([...rising].sort((a, b) => a - b));
    expect(new Set(rising).size).toBe(rising.length); // no repeats of the same step
    expect(toys.maxInFlight).toBe(1);
  });

  it('looks ahead by the gap so a change is sent one gap before its pattern time', async () => {
    const { toys, toy, engine } = setup(100, 20);
    const step = parsePattern({
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0, ease: 'step' },
            { at: 500, value: 1 },
          ],
          duration: 800,
        },
      ],
    });
    const start = toys.clock.now();
    engine.play(step, { target: toy });
    await toys.clock.advanceAsync(600);
    const full = toys.to(toy).find((s) => s.value === 20)!;
    expect(full.at - start).toBeGreaterThanOrEqual(400);
    expect(full.at - start).toBeLessThanOrEqual(405);
    engine.setLatency(toy, 250); // per-device override: further ahead
    const again = toys.clock.now();
    engine.play(step, { target: toy, channel: 'x' });
    await toys.clock.advanceAsync(1000);
    const second = toys.to(toy).filter((s) => s.at >= again && s.value === 20)[0]!;
    expect(second.at - again).toBeGreaterThanOrEqual(250);
    expect(second.at - again).toBeLessThanOrEqual(255);
  });

  it('never has more than one command in flight: the newest value waits, older ones are dropped', async () => {
    const { toys, toy, engine } = setup(0, 100);
    toys.hold = true;
    engine.play(ramp, { target: toy });
    await toys.clock.advanceAsync(500);
    expect(toys.to(toy)).toHaveLength(1);
    toys.release();
    await toys.clock.advanceAsync(0);
    toys.hold = false;
    await toys.clock.advanceAsync(5);
    const sent = toys.to(toy);
    expect(sent).toHaveLength(2);
    // The second command carries the value due now (≈ 50 %), not the backlog in between.
    expect(sent[1]!.value).toBeGreaterThanOrEqual(49);
    expect(sent[1]!.value).toBeLessThanOrEqual(51);
    expect(toys.maxInFlight).toBe(1);
  });

  it('keeps a value hovering at a step boundary from flapping (half a step of hysteresis)', async () => {
    const { toys, toy, engine } = setup(0, 10);
    // 0.53..0.57 × 10 steps = 5.3..5.7: plain rounding would flap between 5 and 6.
    const hover = parsePattern({
      version: 1,
      tracks: [{ waveform: { shape: 'square', frequency: 5, duration: 2000, min: 0.53, amplitude: 0.57 } }],
    });
    engine.play(hover, { target: toy });
    await toys.clock.advanceAsync(2500);
    // The square starts high (5.7 → 6); later swings to 5.3 stay within the hysteresis band.
    expect(toys.to(toy).map((s) => s.value)).toEqual([6, 0]);
  });

  it('sends nothing during a hold unless an idle guard is set', async () => {
    const { toys, toy, engine } = setup(100, 20);
    engine.play(constant(0.5, 3500), { target: toy });
    await toys.clock.advanceAsync(3000);
    expect(toys.to(toy).map((s) => s.value)).toEqual([10]);
  });

  it('keeps an idle link alive with a one-step dither only when asked', async () => {
    const { toys, toy, engine } = setup(100, 20);
    engine.setIdleGuard(toy, 1000);
    engine.play(constant(0.5, 3500), { target: toy });
    await toys.clock.advanceAsync(3000);
    const sent = toys.to(toy);
    expect(sent.map((s) => s.value)).toEqual([10, 11, 10, 11]);
    expect(sent.slice(1).map((s, i) => s.at - sent[i]!.at)).toEqual([1000, 1000, 1000]);
  });
});

describe('haptics engine: mixing', () => {
  const two = async (rule: 'max' | 'sum' | 'priority', first: number, second: number, p1 = 0, p2 = 0) => {
    const { toys, toy, engine } = setup(0, 20);
    engine.setMixRule(rule, 0.25);
    engine.play(constant(first), { target: toy, priority: p1 });
    engine.play(constant(second), { target: toy, priority: p2 });
    await toys.clock.advanceAsync(100);
    return toys.to(toy).at(-1)!.value;
  };

  it('max takes the strongest', async () => expect(await two('max', 0.3, 0.6)).toBe(12));
  it('sum adds and clamps', async () => {
    expect(await two('sum', 0.3, 0.6)).toBe(18);
    expect(await two('sum', 0.7, 0.6)).toBe(20);
  });
  it('priority lets the highest win and ducks the others', async () => {
    expect(await two('priority', 0.3, 0.6, 1, 0)).toBe(6); // 0.6 × 0.25 = 0.15 < 0.3
    expect(await two('priority', 0.1, 0.8, 1, 0)).toBe(4); // ducked 0.8 → 0.2 still beats 0.1
    expect(await two('priority', 0.3, 0.6, 0, 0)).toBe(12); // tie: newest wins
  });

  it('channel: a new pattern on the same channel replaces the old one', async () => {
    const { toys, toy, engine } = setup(0, 20);
    engine.setMixRule('channel');
    const a = engine.play(constant(0.6), { target: toy });
    const why = firstValueFrom(a.done$);
    engine.play(constant(0.3), { target: toy });
    await toys.clock.advanceAsync(50);
    expect(await why).toBe<PlaybackEndReason>('replaced');
    expect(toys.to(toy).at(-1)!.value).toBe(6);
    // Different channels combine by max.
    engine.play(constant(0.5), { target: toy, channel: 'music' });
    await toys.clock.advanceAsync(50);
    expect(toys.to(toy).at(-1)!.value).toBe(10);
  });

  it('an output can have its own rule', async () => {
    const toys = new FakeToys();
    const toy = toys.add('Two motors', 0, [
      { type: 'Vibrate', steps: 20 },
      { type: 'Vibrate', steps: 20 },
    ]);
    const engine = new HapticsEngine(toys, { tickMs: 5 });
    engine.setOutputMixRule(toy.outputs('Vibrate')[1]!, 'sum');
    engine.play(constant(0.3), { target: toy });
    engine.play(constant(0.2), { target: toy });
    await toys.clock.advanceAsync(20);
    expect([toys.to(toy, 0).at(-1)!.value, toys.to(toy, 1).at(-1)!.value]).toEqual([6, 10]);
  });

  it('returns an output to zero when the last pattern on it ends', async () => {
    const { toys, toy, engine } = setup(0, 20);
    engine.play(constant(0.5, 200), { target: toy });
    engine.play(constant(0.25, 400), { target: toy });
    await toys.clock.advanceAsync(300);
    expect(toys.to(toy).at(-1)!.value).toBe(5);
    await toys.clock.advanceAsync(200);
    expect(toys.to(toy).at(-1)!.value).toBe(0);
  });
});

describe('haptics engine: control', () => {
  it('pauses (output to zero), resumes where it was, and finishes later by the pause', async () => {
    const { toys, toy, engine } = setup(0, 100);
    const h = engine.play(ramp, { target: toy });
    const progress: number[] = [];
    h.progress$.subscribe((p) => progress.push(p.fraction));
    await toys.clock.advanceAsync(400);
    h.pause();
    await toys.clock.advanceAsync(50);
    expect(toys.to(toy).at(-1)!.value).toBe(0);
    const pausedAt = toys.to(toy).length;
    await toys.clock.advanceAsync(1000);
    expect(toys.to(toy)).toHaveLength(pausedAt);
    h.resume();
    await toys.clock.advanceAsync(10);
    expect(toys.to(toy).at(-1)!.value).toBeGreaterThanOrEqual(40);
    expect(toys.to(toy).at(-1)!.value).toBeLessThanOrEqual(42);
    expect(h.ended).toBe(false);
    await toys.clock.advanceAsync(600);
    expect(h.ended).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stop ends one pattern; stopAll ends all and zeroes every output within one gap', async () => {
    const toys = new FakeToys();
    const a = toys.add('A', 100, [{ type: 'Vibrate', steps: 20 }]);
    const b = toys.add('B', 75, [
      { type: 'Vibrate', steps: 20 },
      { type: 'Rotate', steps: 10, signed: true },
    ]);
    const engine = new HapticsEngine(toys, { tickMs: 5 });
    const h1 = engine.play(constant(1), { target: a });
    const reasons: PlaybackEndReason[] = [];
    h1.done$.subscribe((r) => reasons.push(r));
    engine.play(constant(0.8), { target: b });
    engine.play(constant(-0.5, 5000, 'Rotate'), { target: b });
    await toys.clock.advanceAsync(130);
    expect(toys.to(b, 1).at(-1)!.value).toBe(-5);
    h1.stop();
    expect(reasons).toEqual(['stopped']);
    await toys.clock.advanceAsync(150);
    expect(toys.to(a).at(-1)!.value).toBe(0);
    const panicAt = toys.clock.now();
    engine.stopAll();
    await toys.clock.advanceAsync(100);
    expect(engine.active).toHaveLength(0);
    for (const [d, f, gap] of [
      [b, 0, 75],
      [b, 1, 75],
    ] as const) {
      const last = toys.to(d, f).at(-1)!;
      expect(last.value).toBe(0);
      expect(last.at - panicAt).toBeLessThanOrEqual(gap);
    }
    const count = toys.sent.length;
    await toys.clock.advanceAsync(1000);
    expect(toys.sent).toHaveLength(count); // nothing runs afterwards
    expect(toys.clock.pending).toBe(0); // and no timer is left behind
  });

  it('applies gain, setGain, the global cap and per-device caps after mixing', async () => {
    const toys = new FakeToys();
    const a = toys.add('A', 0, [{ type: 'Vibrate', steps: 20 }]);
    const b = toys.add('B', 0, [{ type: 'Vibrate', steps: 20 }]);
    const engine = new HapticsEngine(toys, { tickMs: 5 });
    const h = engine.play(constant(1), { target: [a, b], gain: 0.5 });
    await toys.clock.advanceAsync(20);
    expect([toys.to(a).at(-1)!.value, toys.to(b).at(-1)!.value]).toEqual([10, 10]);
    h.setGain(1);
    engine.setCap(0.75);
    engine.setDeviceCap(b, 0.25);
    await toys.clock.advanceAsync(20);
    expect([toys.to(a).at(-1)!.value, toys.to(b).at(-1)!.value]).toEqual([15, 5]);
    expect(() => h.setGain(-1)).toThrow(/setGain takes a number from 0 to 10/);
  });

  it('loops a pattern by count and forever', async () => {
    const { toys, toy, engine } = setup(0, 20);
    const short = parsePattern({
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 1 },
            { at: 100, value: 0 },
          ],
        },
      ],
    });
    const twice = engine.play(short, { target: toy, loop: 2 });
    await toys.clock.advanceAsync(190);
    expect(twice.ended).toBe(false);
    await toys.clock.advanceAsync(20);
    expect(twice.ended).toBe(true);
    const forever = engine.play(short, { target: toy, loop: 'forever' });
    const iterations: number[] = [];
    forever.progress$.subscribe((p) => iterations.push(p.iteration));
    await toys.clock.advanceAsync(1000);
    expect(forever.ended).toBe(false);
    expect(Math.max(...iterations)).toBeGreaterThanOrEqual(9);
    forever.stop();
  });

  it('a query target picks up toys that connect later', async () => {
    const toys = new FakeToys();
    const first = toys.add('First', 0, [{ type: 'Vibrate', steps: 20 }]);
    const engine = new HapticsEngine(toys, { tickMs: 5 });
    const h = engine.play(constant(0.5, 2000), { target: { outputType: 'Vibrate' } });
    await toys.clock.advanceAsync(100);
    const late = toys.add('Late', 0, [
      { type: 'Vibrate', steps: 20 },
      { type: 'Rotate', steps: 20 },
    ]);
    await toys.clock.advanceAsync(100);
    expect(toys.to(first).at(-1)!.value).toBe(10);
    expect(toys.to(late, 0).at(-1)!.value).toBe(10);
    expect(toys.to(late, 1)).toHaveLength(0); // the query asked for Vibrate only
    h.stop();
    await toys.clock.advanceAsync(10);
    expect(toys.to(late, 0).at(-1)!.value).toBe(0);
  });

  it('plans position moves from the upcoming keyframes, not sampled positions', async () => {
    const toys = new FakeToys();
    const stroker = toys.add('Stroker', 50, [
      { type: 'HwPositionWithDuration', steps: 100, duration: [0, 10000] },
    ]);
    const engine = new HapticsEngine(toys, { tickMs: 5 });
    const strokes = parsePattern({
      version: 1,
      tracks: [
        {
          output: 'HwPositionWithDuration',
          keyframes: [
            { at: 0, value: 0 },
            { at: 1000, value: 1 },
            { at: 2000, value: 0.2 },
          ],
        },
      ],
    });
    const start = toys.clock.now();
    engine.play(strokes, { target: stroker });
    await toys.clock.advanceAsync(2500);
    const sent = toys.to(stroker).map((s) => ({ at: s.at - start, value: s.value, duration: s.duration }));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({ at: 0, value: 100, duration: 950 });
    expect(sent[1]!.value).toBe(20);
    expect(sent[1]!.at).toBeGreaterThanOrEqual(950);
    expect(sent[1]!.at).toBeLessThanOrEqual(955);
    expect(sent[1]!.at + 50 + sent[1]!.duration!).toBeCloseTo(2000, -1); // arrives on time
  });

  it('refuses a bad pattern built in code, and a missing target, before anything is sent', () => {
    const { toys, toy, engine } = setup(0, 20);
    const bad = { version: 1, tracks: [{ keyframes: [{ at: 0, value: 3 }] }] } as unknown as Pattern;
    expect(() => engine.play(bad, { target: toy })).toThrow(
      /tracks\[0\]\.keyframes\[0\]\.value: must be from 0 to 1/,
    );
    expect(() => engine.play(ramp, {} as unknown as PlayOptions)).toThrow(/play needs options with a target/);
    expect(toys.sent).toHaveLength(0);
    expect(engine.active).toHaveLength(0);
    const stranger = new FakeToys().add('Elsewhere', 0, [{ type: 'Vibrate', steps: 20 }]).outputs()[0]!;
    const running = engine.play(constant(0.5), { target: toy, channel: 'c' });
    expect(() => engine.play(ramp, { target: stranger, channel: 'c' })).toThrow(
      /belongs to no connected device/,
    );
    expect(running.ended).toBe(false); // a refused play replaces nothing
    expect(engine.active).toHaveLength(1);
    running.stop();
  });

  it('records what it sent on Output.value$', async () => {
    const { toys, toy, engine } = setup(0, 20);
    const out = toy.outputs('Vibrate')[0]!;
    const seen: number[] = [];
    out.value$.subscribe((v) => seen.push(v));
    expect(seen).toEqual([]);
    engine.play(constant(0.5, 100), { target: out });
    await toys.clock.advanceAsync(200);
    expect(seen).toEqual([0.5, 0]);
    const late: number[] = [];
    out.value$.subscribe((v) => late.push(v));
    expect(late).toEqual([0]); // replays the latest
    await out.set(0.25);
    expect(late).toEqual([0, 0.25]);
  });
});

describe('Output.value$', () => {
  it('replays the latest level, signed for rotation, and ignores failed sends', async () => {
    const toys = new FakeToys();
    const toy = toys.add('Rot', 0, [{ type: 'Rotate', steps: 10, signed: true }]);
    const out = toy.outputs('Rotate')[0]!;
    await toy.rotate(0.5, false);
    expect(await firstValueFrom(out.value$)).toBe(-0.5);
    await out.setSteps(3);
    expect(await firstValueFrom(out.value$)).toBeCloseTo(0.3);
    await expect(out.set(2)).rejects.toThrow();
    expect(await firstValueFrom(out.value$)).toBeCloseTo(0.3);
  });
});
