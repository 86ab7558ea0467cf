import { firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CalibrationStore,
  ManualMediaClock,
  connect,
  parseFunscript,
  realClock,
  syncScript,
  type PlugkitClient,
} from '../../../../sdk/index.js';
import { embedded } from '../../../../server-embedded/index.js';

let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

describe('syncScript on a client (real clock, embedded server)', () => {
  it('converts a stroke script to vibration on every motor of a simulated toy and stops them', async () => {
    const transport = embedded({ simulate: ['Massage Demo'], log: 'off' });
    client = await connect({ name: 'sync embedded', transports: [transport] });
    expect(() =>
      syncScript(client!, parseFunscript({ actions: [{ at: 0, pos: 0 }] }), {
        clock$: new ManualMediaClock(realClock).report$,
      }),
    ).toThrow(/No connected device has an output for this script \(tracks: L0\)/);
    await client.startScanning();
    const [device] = await firstValueFrom(client.devices$.pipe(filter((l) => l.length === 1)));
    const sim = transport.server!.simulated.devices[0]!;

    const actions = Array.from({ length: 40 }, (_, i) => ({ at: i * 100, pos: i % 2 ? 100 : 0 }));
    const media = new ManualMediaClock(realClock);
    const store = new CalibrationStore();
    store.set(device!.name, 30);
    media.play();
    const handle = syncScript(client, parseFunscript({ actions }), {
      clock$: media.report$,
      softStartMs: 0,
      calibration: store,
    });
    const errors: unknown[] = [];
    handle.error$.subscribe((e) => errors.push(e));
    const deadline = Date.now() + 3000;
    while (
      !(
        sim.writes.some((w) => w.data[0] === 0xf1 && w.data[1]! > 0) &&
        sim.writes.some((w) => w.data[0] === 0xf2 && w.data[1]! > 0)
      )
    ) {
      if (Date.now() > deadline) throw new Error('no vibration reached the toy');
      await new Promise((r) => setTimeout(r, 10));
    }
    await handle.stop();
    await new Promise((r) => setTimeout(r, 100));
    const last = (motor: number) => sim.writes.filter((w) => w.data[0] === motor).at(-1)!.data[1];
    expect([last(0xf1), last(0xf2)]).toEqual([0, 0]);
    expect(errors).toEqual([]);
  });
});

describe('client.haptics.sync (real clock, embedded server)', () => {
  it('drives only the targeted output, and stopAll ends the sync and zeroes it', async () => {
    const transport = embedded({ simulate: ['Massage Demo'], log: 'off' });
    client = await connect({ name: 'haptics sync', transports: [transport] });
    await client.startScanning();
    const [device] = await firstValueFrom(client.devices$.pipe(filter((l) => l.length === 1)));
    const sim = transport.server!.simulated.devices[0]!;
    const motor1 = device!.outputs('Vibrate')[1]!;
    const actions = Array.from({ length: 40 }, (_, i) => ({ at: i * 100, pos: i % 2 ? 100 : 0 }));
    const media = new ManualMediaClock(realClock);
    media.play();
    const handle = client.haptics.sync(parseFunscript({ actions }), {
      clock$: media.report$,
      target: motor1,
      softStartMs: 0,
    });
    let done = false;
    handle.done$.subscribe(() => (done = true));
    const deadline = Date.now() + 3000;
    while (!sim.writes.some((w) => w.data[0] === 0xf2 && w.data[1]! > 0)) {
      if (Date.now() > deadline) throw new Error('no vibration reached motor 1');
      await new Promise((r) => setTimeout(r, 10));
    }
    // Motor 0 (0xF1) is not the target: it never moves.
    expect(sim.writes.filter((w) => w.data[0] === 0xf1 && w.data[1]! > 0)).toEqual([]);
    client.haptics.stopAll();
    const stopDeadline = Date.now() + 2000;
    while (!done || sim.writes.filter((w) => w.data[0] === 0xf2).at(-1)!.data[1] !== 0) {
      if (Date.now() > stopDeadline) throw new Error('stopAll did not end the sync and zero motor 1');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(() =>
      client!.haptics.sync(parseFunscript({ actions }), { clock$: media.report$, target: [] }),
    ).toThrow(/No connected device has an output/);
  });
});
