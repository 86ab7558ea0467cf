import { describe, expect, it } from 'vitest';
import { CommandQueue } from '../../../server-embedded/devices/command-queue.js';
import { SimulatedDevice } from '../../../server-embedded/hardware/simulated/simulated-device.js';
import { write, type HardwareCommand } from '../../../server-embedded/protocols/types.js';

const connect = async () => {
  const sim = new SimulatedDevice({ name: 'queue-test' });
  const hardware = await sim
    .candidate()
    .connect({ bus: 'btle', btle: { names: ['queue-test'], services: { s: { tx: 'c1', rx: 'c2' } } } });
  return { sim, hardware };
};
const sent = (sim: SimulatedDevice) =>
  sim.commands.map((c) => (c.kind === 'write' ? c.data.join(',') : c.kind));

describe('CommandQueue with a message gap: write ids', () => {
  it('a newer write replaces waiting writes it shares an id with', async () => {
    const { sim, hardware } = await connect();
    // A long gap: nothing leaves before flush(), so the test does not depend on timing.
    const q = new CommandQueue(hardware, 60_000);
    try {
      await q.push('0/Vibrate', [write('tx', [1], false, ['m0']), write('tx', [2], false, ['m1'])]);
      await q.push('1/Vibrate', [write('tx', [3], false, ['m0', 'm1'])]);
      expect(sim.commands).toEqual([]);
      await q.flush();
      expect(sent(sim)).toEqual(['3']);
    } finally {
      q.dispose();
    }
  });

  it('writes without ids are keyed by their output; other outputs and one push stay whole', async () => {
    const { sim, hardware } = await connect();
    const q = new CommandQueue(hardware, 60_000);
    try {
      await q.push('0/Vibrate', [write('tx', [1])]);
      await q.push('1/Vibrate', [write('tx', [2])]);
      await q.push('0/Vibrate', [write('tx', [3]), write('tx', [4])]);
      const sub: HardwareCommand = { kind: 'subscribe', endpoint: 'rx' };
      await q.push('0/Vibrate', [sub]);
      await q.flush();
      expect(sent(sim)).toEqual(['2', '3', '4', 'subscribe']);
    } finally {
      q.dispose();
    }
  });

  it('without a gap every write goes out, ids or not', async () => {
    const { sim, hardware } = await connect();
    const q = new CommandQueue(hardware, 0);
    try {
      await q.push('0/Vibrate', [write('tx', [1], false, ['x'])]);
      await q.push('1/Vibrate', [write('tx', [2], false, ['x'])]);
      expect(sent(sim)).toEqual(['1', '2']);
    } finally {
      q.dispose();
    }
  });
});
