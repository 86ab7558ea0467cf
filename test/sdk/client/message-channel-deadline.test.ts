import { describe, expect, it } from 'vitest';
import {
  MessageChannel,
  PlugkitError,
  VirtualClock,
  createPipe,
  realClock,
  type Clock,
  type PipeEnd,
} from '../../../sdk/index.js';

/** A channel on a virtual clock over an in-memory pipe whose server side the test drives. */
function channelOn(clock: Clock, timeoutMs: number) {
  const { client, server } = createPipe();
  const ids: number[] = [];
  server.frame$.subscribe((frame) => {
    for (const entry of JSON.parse(frame) as Record<string, { Id: number }>[])
      ids.push(Object.values(entry)[0]!.Id);
  });
  return { channel: new MessageChannel(client, timeoutMs, clock), server, ids };
}

const ok = (server: PipeEnd, Id: number) => server.send(JSON.stringify([{ Ok: { Id } }]));

/** Where a promise stands, without waiting for it. */
function track<T>(p: Promise<T>) {
  const s: { state: 'pending' | 'resolved' | 'rejected'; error?: PlugkitError } = { state: 'pending' };
  p.then(
    () => (s.state = 'resolved'),
    (err: PlugkitError) => {
      s.state = 'rejected';
      s.error = err;
    },
  );
  return s;
}

/** Lets the pipe's microtask deliveries and promise callbacks run. */
const flush = () => new Promise<void>((r) => setImmediate(r));

/** A clock that counts how often a timer is armed. */
function counting(clock: Clock) {
  const counted = { schedules: 0 };
  const wrapped: Clock = {
    now: () => clock.now(),
    schedule: (d, t, o) => {
      counted.schedules++;
      return clock.schedule(d, t, o);
    },
    repeat: (i, t, o) => clock.repeat(i, t, o),
  };
  return { wrapped, counted };
}

describe('MessageChannel request deadlines (one shared timer)', () => {
  it('times each request out individually, at its own deadline, with the usual TIMEOUT error', async () => {
    const clock = new VirtualClock();
    const { channel, server, ids } = channelOn(clock, 100);
    const a = track(channel.request({ type: 'Ping' }));
    clock.advance(40);
    const b = track(channel.request({ type: 'StartScanning' }));
    clock.advance(40);
    const c = track(channel.request({ type: 'StopScanning' }));
    await flush();
    expect(ids).toEqual([1, 2, 3]);
    expect(clock.pending).toBe(1); // three requests in flight, one timer

    clock.advance(19); // t = 99
    await flush();
    expect([a.state, b.state, c.state]).toEqual(['pending', 'pending', 'pending']);
    clock.advance(1); // t = 100: the first request's deadline
    await flush();
    expect(a.state).toBe('rejected');
    expect(a.error).toBeInstanceOf(PlugkitError);
    expect(a.error!.code).toBe('TIMEOUT');
    expect(a.error!.reason).toBe('RequestTimeout');
    expect(a.error!.message).toBe('Ping got no reply within 100 ms; the server may be busy or gone.');
    expect([b.state, c.state]).toEqual(['pending', 'pending']);

    clock.advance(20); // t = 120: b is answered before its deadline (140)
    ok(server, 2);
    await flush();
    expect(b.state).toBe('resolved');
    clock.advance(59); // t = 179
    await flush();
    expect(c.state).toBe('pending');
    clock.advance(1); // t = 180
    await flush();
    expect(c.state).toBe('rejected');
    expect(c.error!.message).toMatch(/^StopScanning got no reply within 100 ms/);
    expect(clock.pending).toBe(0); // nothing waits: nothing is armed
    channel.close();
  });

  it('arms one timer for a burst of requests and none per reply', async () => {
    const clock = new VirtualClock();
    const { wrapped, counted } = counting(clock);
    const { channel, server, ids } = channelOn(wrapped, 10_000);
    const burst = Array.from({ length: 500 }, () => channel.request({ type: 'Ping' }));
    expect(clock.pending).toBe(1);
    await flush();
    for (const Id of ids) ok(server, Id);
    await Promise.all(burst);
    // Sequential request/reply, the common case: still no timer per request.
    for (let i = 0; i < 200; i++) {
      const p = channel.request({ type: 'Ping' });
      await flush();
      ok(server, ids.at(-1)!);
      await p;
    }
    expect(counted.schedules).toBe(1);
    // The timer from the burst is still armed; it fires with nothing left and does not re-arm.
    expect(clock.pending).toBe(1);
    clock.advance(10_000);
    expect(clock.pending).toBe(0);
    expect(counted.schedules).toBe(1);
    channel.close();
  });

  it('re-arms for the next oldest request when the timer wakes early', async () => {
    const clock = new VirtualClock();
    const { wrapped, counted } = counting(clock);
    const { channel, server } = channelOn(wrapped, 100);
    const first = channel.request({ type: 'Ping' }); // deadline 100, timer armed for 100
    await flush();
    ok(server, 1);
    await first;
    clock.advance(70);
    const second = track(channel.request({ type: 'Ping' })); // deadline 170
    clock.advance(30); // t = 100: the timer wakes, nothing is due, re-arms for 170
    await flush();
    expect(second.state).toBe('pending');
    expect(counted.schedules).toBe(2);
    expect(clock.nextDueAt()).toBe(170);
    clock.advance(70);
    await flush();
    expect(second.state).toBe('rejected');
    expect(second.error!.code).toBe('TIMEOUT');
    channel.close();
  });

  it('closing fails pending requests with NOT_CONNECTED and disarms the timer', async () => {
    const clock = new VirtualClock();
    const { channel } = channelOn(clock, 100);
    const a = track(channel.request({ type: 'Ping' }));
    const b = track(channel.request({ type: 'Ping' }));
    channel.close();
    await flush();
    expect([a.state, b.state]).toEqual(['rejected', 'rejected']);
    expect(a.error!.code).toBe('NOT_CONNECTED');
    expect(clock.pending).toBe(0);
  });

  it('times out on the real clock too', async () => {
    const { channel } = channelOn(realClock, 30);
    const started = realClock.now();
    const err = await channel.request({ type: 'Ping' }).then(
      () => undefined,
      (e: PlugkitError) => e,
    );
    expect(err?.code).toBe('TIMEOUT');
    expect(realClock.now() - started).toBeGreaterThanOrEqual(29);
    channel.close();
  });
});
