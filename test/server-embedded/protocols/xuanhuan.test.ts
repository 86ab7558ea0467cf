import { afterEach, describe, expect, it } from 'vitest';
import { rig, writesAfter, type Rig } from '../../support/protocol-rig.js';

describe('xuanhuan repeat', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('restates a running speed on its own and stops restating at rest', async () => {
    r = await rig();
    const { sim, device } = await r.connect({ name: 'QUXIN' });
    await device!.output(0, { Vibrate: { Value: 7 } });
    // The command itself, then at least one repeat nobody asked for.
    const writes = await writesAfter(sim, 2, 3000);
    expect(writes.slice(0, 2).map((w) => w.data)).toEqual([
      [0x03, 0x02, 0x00, 0x07],
      [0x03, 0x02, 0x00, 0x07],
    ]);
    await device!.output(0, { Vibrate: { Value: 0 } });
    const stopped = await writesAfter(sim, sim.writes.length + 1);
    const count = stopped.length;
    expect(stopped[count - 1]!.data).toEqual([0x03, 0x02, 0x00, 0x00]);
    await new Promise((res) => setTimeout(res, 800));
    expect(sim.writes.length).toBe(count);
  });

  it('stops its timer when the toy goes away', async () => {
    r = await rig();
    const { sim, device } = await r.connect({ name: 'QUXIN', address: 'quxin-2' });
    await device!.output(0, { Vibrate: { Value: 3 } });
    await writesAfter(sim, 1);
    sim.drop();
    expect(r.server.manager.devices.size).toBe(0);
    await new Promise((res) => setTimeout(res, 700));
    expect(r.logs.join('\n')).not.toMatch(/repeat write failed/);
  });
});
