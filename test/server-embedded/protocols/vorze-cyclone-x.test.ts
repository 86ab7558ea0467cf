import { afterEach, describe, expect, it } from 'vitest';
import { PlugkitServer } from '../../../server-embedded/server/server.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// A HID toy: matched by USB ids, which case files cannot express, so it is driven here.
describe('vorze-cyclone-x (USB HID)', () => {
  it('is matched by its USB ids and sends the ASCII-digit report', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const sim = server.simulated.add({ name: 'Cyclone', bus: 'hid', vendorId: 0x0483, productId: 0x5750 });
    const device = await server.manager.handleCandidate(sim.candidate());
    expect(device?.name).toBe('Vorze Cyclone X10 Device');
    expect(device!.info().DeviceFeatures['0']!.Output!.Rotate!.Value).toEqual([-10, 10]);
    await device!.output(0, { Rotate: { Value: -5 } });
    await device!.output(0, { Rotate: { Value: 10 } });
    await device!.stop();
    const frame = (paused: number, speed: number, back: number) => [
      0x00,
      0x3c,
      0x30,
      0x31,
      0x35,
      0x32,
      0x30 + paused,
      0x30 + speed,
      0x30,
      0x30 + back,
      0x30,
      0x01,
      0x02,
      0x03,
      0x68,
      0x3e,
    ];
    expect(sim.writes.map((w) => [w.endpoint, w.data])).toEqual([
      ['tx', frame(0, 5, 1)],
      ['tx', frame(0, 10, 0)],
      ['tx', frame(1, 0, 0)],
    ]);
  });
});
