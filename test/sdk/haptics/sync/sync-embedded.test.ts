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
