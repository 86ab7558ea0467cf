/**
 * Handshakes of slice protocols against simulated toys: a correct answer brings the device up,
 * garbage or silence leaves nothing behind and the server healthy.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PlugkitServer } from '../../../server-embedded/server/server.js';

const KEY = Buffer.from('jdk#Flu%y6fer32f', 'latin1');
const aes = (data: number[]) => {
  const c = createCipheriv('aes-128-ecb', KEY, null);
  return [...Buffer.concat([c.update(Uint8Array.from(data)), c.final()])];
};
const unaes = (data: Uint8Array) => {
  const d = createDecipheriv('aes-128-ecb', KEY, null);
  return [...Buffer.concat([d.update(data), d.final()])];
};
const FLUFFER_NAME = 'fake_name_as_we_must_match_fluffer_manufacturer_data';
const manufacturerData = [{ company: 0x684a, data: [0x11, 0x22, 0x33, 0x44, 0x55] }];

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fluffer authentication', () => {
  it('authenticates with the advertised secret, then unlocks the toy', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const sim = server.simulated.add({
      name: FLUFFER_NAME,
      manufacturerData,
      onWrite: (dev, _ep, data) => {
        const plain = unaes(data);
        if (plain[0] === 0xa5) setTimeout(() => dev.notify('rx', aes([0xa5, 0x01, 0x01, 0x00])), 5);
      },
    });
    const device = await server.manager.handleCandidate(sim.candidate());
    expect(device?.name).toBe('Fluffer Device');
    const sent = sim.writes.map((w) => unaes(Uint8Array.from(w.data)));
    expect(sent[0]!.slice(0, 3)).toEqual([0xa5, 0x01, 0x08]);
    expect(sent[0]).toHaveLength(11);
    expect(sent[1]).toEqual([0x82, 0x0e, 0x02, 0x00, 0x01]);
  });

  it('drops a toy that answers the challenge with garbage', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const sim = server.simulated.add({
      name: FLUFFER_NAME,
      manufacturerData,
      onWrite: (dev) => setTimeout(() => dev.notify('rx', [1, 2, 3]), 5),
    });
    expect(await server.manager.handleCandidate(sim.candidate())).toBeUndefined();
    expect(server.manager.devices.size).toBe(0);
    expect(sim.connected).toBe(false);
  });
});

describe('handshakes that fail', () => {
  it('honeyplaybox: a refused handshake status drops the toy', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const refusal = [
      0x02, 0xa5, 0x5a, 0x55, 0xaa, 0xf0, 0x00, 0xb1, 0x01, 0x00, 0x02, 0x6a, 0x80, 0x03, 0x00, 0x00,
    ];
    const sim = server.simulated.add({
      name: 'JXT002',
      onWrite: (dev) => setTimeout(() => dev.notify('rx', refusal), 5),
    });
    expect(await server.manager.handleCandidate(sim.candidate())).toBeUndefined();
    expect(sim.connected).toBe(false);
  });

  it('fredorch: an unacknowledged program write drops the toy', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const sim = server.simulated.add('YXlinksSPP');
    expect(await server.manager.handleCandidate(sim.candidate())).toBeUndefined();
    expect(sim.writes).toHaveLength(1);
    expect(sim.connected).toBe(false);
  });

  it('hismith: a legacy model id keeps the hismith protocol, a newer one hands over to hismith-mini', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const legacy = server.simulated.add({
      name: 'HISMITH',
      address: 'a',
      onRead: () => Uint8Array.of(0x10, 0x01),
    });
    const mini = server.simulated.add({
      name: 'HISMITH',
      address: 'b',
      onRead: () => Uint8Array.of(0x10, 0x05),
    });
    const a = (await server.manager.handleCandidate(legacy.candidate()))!;
    const b = (await server.manager.handleCandidate(mini.candidate()))!;
    expect(a.resolved.protocol).toBe('hismith');
    expect(b.resolved.protocol).toBe('hismith-mini');
    await a.output(0, { Oscillate: { Value: 10 } });
    await b.output(0, { Oscillate: { Value: 10 } });
    expect(legacy.writes.at(-1)!.data).toEqual([0xaa, 0x04, 10, 14]);
    expect(mini.writes.at(-1)!.data).toEqual([0xcc, 0x03, 10, 13]);
  });
});
