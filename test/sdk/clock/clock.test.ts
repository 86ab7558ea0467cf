import { describe, expect, it } from 'vitest';
import { interval, take, toArray, firstValueFrom } from 'rxjs';
import { VirtualClock, clockScheduler, realClock } from '../../../sdk/index.js';

describe('VirtualClock', () => {
  it('runs due tasks in time order, ties in scheduling order, with now() at each due time', () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.schedule(20, () => seen.push(`b@${clock.now()}`));
    clock.schedule(10, () => seen.push(`a@${clock.now()}`));
    clock.schedule(20, () => seen.push(`c@${clock.now()}`));
    clock.advance(15);
    expect(seen).toEqual(['a@1010']);
    expect(clock.now()).toBe(1015);
    clock.advance(100);
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(clock.now()).toBe(1115);
  });

  it('runs tasks scheduled during advance when they fall inside the window', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    clock.schedule(5, () => clock.schedule(5, () => seen.push(clock.now())));
    clock.advance(10);
    expect(seen).toEqual([10]);
  });

  it('cancels, repeats, and bounds runAll', () => {
    const clock = new VirtualClock();
    let n = 0;
    const t = clock.schedule(5, () => n++);
    t.cancel();
    t.cancel();
    clock.advance(10);
    expect(n).toBe(0);
    const r = clock.repeat(10, () => n++);
    clock.advance(35);
    expect(n).toBe(3);
    expect(clock.nextDueAt()).toBe(50);
    expect(clock.runAll(5)).toBe(5);
    r.cancel();
    expect(clock.pending).toBe(0);
  });

  it('advanceAsync follows async code that awaits before scheduling again', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const sleep = (ms: number) => new Promise<void>((r) => clock.schedule(ms, r));
    const loop = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(100);
        await Promise.resolve();
        seen.push(clock.now());
      }
    })();
    await clock.advanceAsync(300);
    await loop;
    expect(seen).toEqual([100, 200, 300]);
  });

  it('drives RxJS operators through clockScheduler', async () => {
    const clock = new VirtualClock();
    const values = firstValueFrom(interval(50, clockScheduler(clock)).pipe(take(3), toArray()));
    clock.advance(149);
    clock.advance(1);
    expect(await values).toEqual([0, 1, 2]);
  });
});

describe('realClock', () => {
  it('schedules on the real timers and reports epoch milliseconds', async () => {
    const start = realClock.now();
    expect(Math.abs(start - Date.now())).toBeLessThan(1000);
    const elapsed = await new Promise<number>((resolve) =>
      realClock.schedule(20, () => resolve(realClock.now() - start)),
    );
    expect(elapsed).toBeGreaterThanOrEqual(15);
  });
});
