import { firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CalibrationStore,
  ManualMediaClock,
  calibrationKey,
  connect,
  parseFunscript,
  realClock,
  websocketTransport,
  type PlugkitClient,
} from '../../../../runtimes/node/index.js';
import { startServer, type RunningServer } from '../../../../server-embedded/index.js';

let client: PlugkitClient | undefined;
let running: RunningServer | undefined;
afterEach(async () => {
  await client?.disconnect();
  await running?.close();
  client = undefined;
  running = undefined;
});

describe('client.haptics.sync to a simulated Launch over a real WebSocket (real clock)', () => {
  it('sends each stroke to the script position ahead of its action by the planned lead', async () => {
    running = await startServer({
      websocket: { host: '127.0.0.1', port: 0 },
      simulate: ['Launch'],
      log: 'off',
    });
    client = await connect({ name: 'sync launch socket', transports: [websocketTransport(running.url!)] });
    await client.startScanning();
    const [device] = await firstValueFrom(client.devices$.pipe(filter((l) => l.length === 1)));
    const [stroker] = device!.outputs('HwPositionWithDuration');
    expect(stroker).toBeDefined();
    // Position byte for a script position 0..100: the client rounds a level up to its steps.
    const launchByte = (pos: number) => Math.ceil((pos / 100) * stroker!.steps);
    const sim = running.server.simulated.devices[0]!;

    // Stroke packets (tx) with the time they reached the toy.
    const arrivals: { at: number; position: number; speed: number }[] = [];
    const sub = sim.command$.subscribe((c) => {
      if (c.kind === 'write' && c.endpoint === 'tx')
        arrivals.push({ at: realClock.now(), position: c.data[0]!, speed: c.data[1]! });
    });

    // Seven 300 ms strokes between 10 and 90, starting at 300 ms: ~2.1 s of play.
    const actions = [
      { at: 0, pos: 10 },
      ...Array.from({ length: 7 }, (_, i) => ({ at: 300 + i * 300, pos: i % 2 ? 10 : 90 })),
    ];
    const calibrationMs = 200;
    const store = new CalibrationStore();
    store.set(calibrationKey(device!), calibrationMs);
    const leadMs = device!.messageTimingGap + calibrationMs;
    const media = new ManualMediaClock(realClock);
    media.play();
    const startedAt = realClock.now();
    const handle = client.haptics.sync(parseFunscript({ actions }), {
      clock$: media.report$,
      softStartMs: 0,
      calibration: store,
    });
    const errors: unknown[] = [];
    handle.error$.subscribe((e) => errors.push(e));

    const last = actions.at(-1)!;
    const deadline = startedAt + last.at + 2500;
    while (!arrivals.some((a) => a.position === launchByte(last.pos) && a.at > startedAt + last.at - 600)) {
      if (realClock.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await handle.stop();
    sub.unsubscribe();
    expect(errors).toEqual([]);

    // The strokes toward actions 1..7, in order, each with a speed (a full Launch stroke moves).
    const strokes = arrivals.filter((a) => a.at >= startedAt);
    const targets = actions.slice(1).map((a) => launchByte(a.pos));
    const positions = strokes.map((s) => s.position);
    // Consecutive packets with the same position are re-plans of one stroke; keep the first.
    const firstOfEach = strokes.filter((s, i) => i === 0 || s.position !== strokes[i - 1]!.position);
    expect(firstOfEach.map((s) => s.position).slice(0, targets.length), `positions ${positions}`).toEqual(
      targets,
    );
    for (const s of firstOfEach.slice(0, targets.length)) expect(s.speed).toBeGreaterThan(0);

    // Timing: the stroke toward action k starts when the stroke toward k−1 should end, early by
    // the lead, so it reaches the toy before action k−1's time and well before action k's.
    // Loose for a loaded 2-core machine, yet under the lead, so a stroke sent on its action time
    // instead of ahead of it fails.
    const tolerance = 150;
    expect(tolerance).toBeLessThan(leadMs);
    firstOfEach.slice(0, targets.length).forEach((s, i) => {
      const action = actions[i + 1]!;
      const previous = actions[i]!;
      // The first stroke cannot leave before the sync starts.
      const planned = Math.max(startedAt, startedAt + previous.at - leadMs);
      const offBy = s.at - planned;
      expect(s.at, `stroke ${i + 1} arrived ${Math.round(offBy)} ms off its plan`).toBeLessThan(
        startedAt + action.at,
      );
      expect(offBy, `stroke ${i + 1}`).toBeGreaterThan(-tolerance);
      expect(offBy, `stroke ${i + 1}`).toBeLessThan(tolerance);
    });
  });
});
