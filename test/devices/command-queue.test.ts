/** Write scopes in the paced command queue: what replaces what while writes wait out the gap. */
import { afterEach, describe, expect, it } from 'vitest';
import { CommandQueue } from '../../server-embedded/devices/command-queue.js';
import { SimulatedDevice } from '../../server-embedded/hardware/simulated/simulated-device.js';
import { write } from '../../server-embedded/protocols/types.js';

const queues: CommandQueue[] = [];
afterEach(() => queues.splice(0).forEach((q) => q.dispose()));

const setup = async () => {
  const sim = new SimulatedDevice({ name: 'Queue Toy' });
  const hw = await sim.candidate().connect({
    bus: 'btle',
    btle: { names: ['Queue Toy'], services: { s: { tx: 'c1', txmode: 'c2' } } },
  } as never);
  // A long gap: nothing goes out until flush(), so the test never races the timer.
  const queue = new CommandQueue(hw, 60_000);
  queues.push(queue);
  return { sim, queue };
};

describe('command queue scopes', () => {
  it('keeps waiting writes of different outputs, and replaces those of the same output', async () => {
    const { sim, queue } = await setup();
    await queue.push('0/Vibrate', [write('tx', [1])]);
    await queue.push('1/Vibrate', [write('tx', [2])]);
    await queue.push('0/Vibrate', [write('tx', [3])]);
    expect(sim.writes).toEqual([]);
    await queue.flush();
    expect(sim.writes.map((w) => w.data)).toEqual([[2], [3]]);
  });

  it('lets a shared scope replace a whole-device packet queued by another output', async () => {
    const { sim, queue } = await setup();
    await queue.push('0/Vibrate', [write('tx', [1, 0], false, 'all')]);
    await queue.push('1/Vibrate', [write('tx', [1, 2], false, 'all')]);
    await queue.flush();
    expect(sim.writes.map((w) => w.data)).toEqual([[1, 2]]);
  });

  it('never lets commands of one push replace each other', async () => {
    const { sim, queue } = await setup();
    await queue.push('0/Vibrate', [write('tx', [5], true, 'speed'), write('txmode', [4], true, 'mode')]);
    await queue.push('1/Vibrate', [write('tx', [6], true, 'speed'), write('txmode', [0x80], true, 'mode')]);
    await queue.flush();
    expect(sim.writes.map((w) => [w.endpoint, ...w.data])).toEqual([
      ['tx', 6],
      ['txmode', 0x80],
    ]);
  });
});
