import { afterEach, describe, expect, it } from 'vitest';
import { rig, type Rig } from '../../support/protocol-rig.js';

describe('thehandy-v3 handshake', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('picks the model from the advertised name once both requests are answered', async () => {
    r = await rig();
    const { device, sim } = await r.connect({
      name: 'OHD_hw3_77EE',
      onWrite: (s, ep) => void (ep === 'tx' && s.notify('rx', [0x08, 0x03])),
    });
    expect(device?.name).toBe('The Handy 2 Standard');
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0x08, 0x01, 0x12, 0x05, 0x10, 0x01, 0xb2, 0x2c, 0x00],
      [0x08, 0x01, 0x12, 0x05, 0x10, 0x02, 0xca, 0x2c, 0x00],
    ]);
  });

  it('does not add a toy that never answers', async () => {
    r = await rig();
    const { device } = await r.connect({ name: 'OHD_hw4_0001' });
    expect(device).toBeUndefined();
    expect(r.logs.join('\n')).toMatch(/not added: no answer to the battery request within 2000 ms/);
  });

  it('does not add a toy that disconnects mid-handshake, and stays healthy', async () => {
    r = await rig();
    const { device } = await r.connect({ name: 'OHD_hw4_0002', onWrite: (s) => s.drop() });
    expect(device).toBeUndefined();
    expect(r.logs.join('\n')).toMatch(/OHD_hw4_0002.*not added/);
    const ok = await r.connect({
      name: 'OHD_hw4_0003',
      address: 'second',
      onWrite: (s, ep) => void (ep === 'tx' && s.notify('rx', [0x08, 0x03])),
    });
    expect(ok.device?.name).toBe('The Handy 2 Pro');
  });
});
