/**
 * Toys whose every frame carries all motors (Bananasome, JoyHub, Magic Motion 2 and 4, Je Joue;
 * Libo tags all its writes alike): while frames wait out the message gap, a newer frame replaces
 * the older one, so a multi-motor command or a Stop reaches the toy as one frame holding every
 * motor's final level. The queue
 * gets a gap long enough that nothing leaves before flush(), so no assertion depends on timing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../server-embedded/devices/config/load.js';
import { CommandQueue } from '../../../server-embedded/devices/command-queue.js';
import { SimulatedDevice } from '../../../server-embedded/hardware/simulated/simulated-device.js';
import { bananasome } from '../../../server-embedded/protocols/bananasome.js';
import { jejoue } from '../../../server-embedded/protocols/jejoue.js';
import { joyhub } from '../../../server-embedded/protocols/joyhub.js';
import { liboVibes } from '../../../server-embedded/protocols/libo-vibes.js';
import { magicMotion2 } from '../../../server-embedded/protocols/magic-motion-2.js';
import { magicMotion4 } from '../../../server-embedded/protocols/magic-motion-4.js';
import type { OutputCommand, Protocol } from '../../../server-embedded/protocols/types.js';
import type { OutputType } from '../../../sdk/protocol/index.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A protocol on a simulated toy, its writes paced by a queue that holds them until flush(). */
async function paced(protocol: Protocol, model: string, endpoints: Record<string, string> = { tx: 'c1' }) {
  const db = new DeviceDatabase(await loadBuiltinDatabase());
  const sim = new SimulatedDevice({ name: model });
  const hardware = await sim
    .candidate()
    .connect({ bus: 'btle', btle: { names: [model], services: { s: endpoints } } });
  const device = db.resolve(protocol.name, model, sim.address);
  if (!device) throw new Error(`no ${protocol.name} definition for ${model}`);
  const handler = await protocol.create({ hardware, device, log: () => {}, emitReading: () => {} });
  const queue = new CommandQueue(hardware, 60_000);
  cleanups.push(() => {
    queue.dispose();
    handler.dispose?.();
    sim.drop();
  });
  /** Sends one output the way ServerDevice does (queue key = feature/output). */
  const send = async (featureIndex: number, type: OutputType, value: number) => {
    const cmd: OutputCommand = { featureIndex, featureId: `f${featureIndex}`, type, value };
    await queue.push(`${featureIndex}/${type}`, await handler.output!(cmd));
  };
  const written = async () => {
    await queue.flush();
    return sim.commands.flatMap((c) => (c.kind === 'write' ? [[...c.data]] : []));
  };
  return { sim, send, written };
}

describe('whole-device frames replace each other inside the message gap', () => {
  it('Bananasome: three motors set in one window leave as one frame', async () => {
    const toy = await paced(bananasome, '火箭X7');
    await toy.send(0, 'Oscillate', 0xc0);
    await toy.send(1, 'Vibrate', 0xc0);
    await toy.send(2, 'Vibrate', 0x40);
    expect(await toy.written()).toEqual([[0xa0, 0x03, 0xc0, 0xc0, 0x40]]);
  });

  it('JoyHub: motor frames merge, the constriction frame stays its own write', async () => {
    const toy = await paced(joyhub, 'J-RoseLin');
    await toy.send(0, 'Vibrate', 0x80);
    await toy.send(4, 'Constrict', 4);
    await toy.send(3, 'Rotate', -0x1a);
    expect(await toy.written()).toEqual([
      [0xa0, 0x07, 0x01, 0x00, 0x04, 0xff],
      [0xa0, 0x03, 0x80, 0x00, 0x00, 0x1a, 0xaa],
    ]);
  });

  it('Magic Motion 2: both motors in one window leave as one frame', async () => {
    const toy = await paced(magicMotion2, 'Eidolon');
    await toy.send(0, 'Vibrate', 0x32);
    await toy.send(1, 'Vibrate', 0x19);
    expect(await toy.written()).toEqual([
      [0x10, 0xff, 0x04, 0x0a, 0x32, 0x0a, 0x00, 0x04, 0x08, 0x32, 0x64, 0x00, 0x04, 0x08, 0x19, 0x64, 0x01],
    ]);
  });

  it('Magic Motion 4: both motors in one window leave as one frame, written with response', async () => {
    const toy = await paced(magicMotion4, 'umi');
    await toy.send(0, 'Vibrate', 0x32);
    await toy.send(1, 'Vibrate', 0x19);
    expect(await toy.written()).toEqual([
      [0x10, 0xff, 0x04, 0x0a, 0x32, 0x32, 0x00, 0x04, 0x08, 0x32, 0x64, 0x00, 0x04, 0x08, 0x19, 0x64, 0x01],
    ]);
    expect(toy.sim.commands.map((c) => c.kind === 'write' && c.withResponse)).toEqual([true]);
  });

  it('Je Joue: both motors in one window leave as the last pattern frame', async () => {
    const toy = await paced(jejoue, 'Je Joue');
    await toy.send(0, 'Vibrate', 0);
    await toy.send(1, 'Vibrate', 3);
    expect(await toy.written()).toEqual([[3, 3]]);
  });

  it('Libo: every write shares one id, so a later mode write replaces both stop writes', async () => {
    const toy = await paced(liboVibes, 'BaiHu', { tx: 'c1', txmode: 'c2' });
    await toy.send(0, 'Vibrate', 0);
    await toy.send(1, 'Vibrate', 0);
    expect(await toy.written()).toEqual([[0]]);
    expect(toy.sim.commands.map((c) => c.kind === 'write' && c.endpoint)).toEqual(['txmode']);
  });
});
