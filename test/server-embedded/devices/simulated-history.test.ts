import { afterEach, describe, expect, it } from 'vitest';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import {
  DEFAULT_MAX_RECORDED_COMMANDS,
  SimulatedDevice,
} from '../../../server-embedded/hardware/simulated/simulated-device.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const connect = async (sim: SimulatedDevice) =>
  sim.candidate().connect({ bus: 'btle', btle: { names: [sim.name], services: { s: { tx: 'c1' } } } });

describe('simulated toys keep a bounded command history', () => {
  it('keeps the last 1000 commands by default, oldest dropped first', async () => {
    expect(DEFAULT_MAX_RECORDED_COMMANDS).toBe(1000);
    const sim = new SimulatedDevice({ name: 'history' });
    const hw = await connect(sim);
    for (let i = 0; i < 1500; i++) await hw.write('tx', Uint8Array.of(i >> 8, i & 0xff), false);
    expect(sim.commands).toHaveLength(1000);
    expect(sim.droppedCommands).toBe(500);
    expect(sim.writes[0]!.data).toEqual([500 >> 8, 500 & 0xff]);
    expect(sim.writes.at(-1)!.data).toEqual([1499 >> 8, 1499 & 0xff]);
  });

  it('takes the limit from the server option, and a spec overrides it', async () => {
    server = await PlugkitServer.create({
      log: 'off',
      maxRecordedCommands: 5,
      simulate: [
        { name: 'Massage Demo', address: 'a' },
        { name: 'Massage Demo', address: 'b', maxRecordedCommands: 2 },
      ],
    });
    const [a, b] = server.simulated.devices as [SimulatedDevice, SimulatedDevice];
    for (const sim of [a, b]) {
      const device = (await server.manager.handleCandidate(sim.candidate()))!;
      for (let v = 1; v <= 10; v++) await device.output(0, { Vibrate: { Value: v } });
    }
    expect(a.writes.map((w) => w.data[1])).toEqual([6, 7, 8, 9, 10]);
    expect(b.writes.map((w) => w.data[1])).toEqual([9, 10]);
    expect([a.maxRecordedCommands, b.maxRecordedCommands]).toEqual([5, 2]);
  });
});
