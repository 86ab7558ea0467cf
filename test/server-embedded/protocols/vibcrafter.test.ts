import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedDevice } from '../../../server-embedded/hardware/simulated/backend.js';
import { rig, writesAfter, type Rig } from '../../support/protocol-rig.js';

// The toy side, written independently of the protocol file: AES-128-ECB, PKCS#7, fixed key.
const KEY = Buffer.from('jdk#Cra%f5Vib28r', 'latin1');
const enc = (text: string) => {
  const c = createCipheriv('aes-128-ecb', KEY, null);
  return Buffer.concat([c.update(text, 'latin1'), c.final()]);
};
const dec = (data: Uint8Array) => {
  const d = createDecipheriv('aes-128-ecb', KEY, null);
  return Buffer.concat([d.update(data), d.final()]).toString('latin1');
};
const TOKEN = 'Xy7Token42';
const expectedAnswer = `Auth:${createHash('sha256').update(TOKEN).digest('hex').slice(0, 4)};`;

/** A toy that challenges the first Auth and accepts only the right hash. */
const challenger = (seen: string[]) => (sim: SimulatedDevice, endpoint: string, data: Uint8Array) => {
  if (endpoint !== 'tx') return;
  const text = dec(data);
  seen.push(text);
  if (seen.length === 1) sim.notify('rx', enc(`a1B2:${TOKEN};`));
  else if (text.startsWith('Auth:')) sim.notify('rx', enc(text === expectedAnswer ? 'OK;' : 'NO;'));
};

describe('vibcrafter', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('authenticates through a challenge and sends encrypted motor levels', async () => {
    r = await rig();
    const seen: string[] = [];
    const { sim, device } = await r.connect({ name: 'be gentle', onWrite: challenger(seen) });
    expect(device?.name).toBe('VibCrafter Harlow');
    expect(seen[0]).toMatch(/^Auth:[A-Za-z0-9]{6};$/);
    expect(seen[1]).toBe(expectedAnswer);
    expect(sim.commands[0]).toEqual({ kind: 'subscribe', endpoint: 'rx' });

    const before = sim.writes.length;
    await device!.output(0, { Vibrate: { Value: 50 } });
    await device!.output(1, { Vibrate: { Value: 7 } });
    const writes = await writesAfter(sim, before + 2);
    expect(writes.slice(before).map((w) => dec(Uint8Array.from(w.data)))).toEqual([
      'MtInt:5000;',
      'MtInt:5007;',
    ]);
  });

  it('drops a toy whose answer does not decrypt, with the reason logged', async () => {
    r = await rig();
    const { device } = await r.connect({
      name: 'Janna',
      onWrite: (sim, ep) => void (ep === 'tx' && sim.notify('rx', [1, 2, 3, 4, 5])),
    });
    expect(device).toBeUndefined();
    expect(r.logs.join('\n')).toMatch(
      /not added: VibCrafter sent an authentication answer that does not decrypt/,
    );
    expect(r.server.manager.devices.size).toBe(0);
  });

  it('drops a toy that rejects the challenge answer', async () => {
    r = await rig();
    const { device } = await r.connect({
      name: 'Hayden',
      onWrite: (sim, ep, data) => {
        if (ep !== 'tx') return;
        sim.notify('rx', enc(dec(data).length === 12 ? `a1B2:${TOKEN};` : 'NO;'));
      },
    });
    expect(device).toBeUndefined();
    expect(r.logs.join('\n')).toMatch(/invalid security handshake \("NO;"\)/);
  });

  it('gives up on a silent toy instead of hanging', async () => {
    r = await rig();
    const { device } = await r.connect({ name: 'Nidalee' });
    expect(device).toBeUndefined();
    expect(r.logs.join('\n')).toMatch(/no answer to the authentication request within 2000 ms/);
  });
});
