import { afterEach, describe, expect, it } from 'vitest';
import { vorzePistonSpeed, vorzeSa } from '../../../server-embedded/protocols/vorze-sa.js';
import { rig, type Rig } from '../../support/protocol-rig.js';

describe('vorze-sa', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('piston speed follows the fitted curve, clamped to 0..100', () => {
    expect(vorzePistonSpeed(0, 500)).toBe(100); // no move: full speed
    expect(vorzePistonSpeed(50, 100)).toBe(30);
    expect(vorzePistonSpeed(49, 1000)).toBe(1);
    expect(vorzePistonSpeed(200, 10)).toBe(100);
    expect(vorzePistonSpeed(400, 6658)).toBe(1); // distance capped at a full stroke
    expect(vorzePistonSpeed(1, 1_000_000)).toBe(0);
  });

  it('refuses a single-rotator toy whose name gives no device code', async () => {
    r = await rig();
    const resolved = r.server.manager.database.resolve('vorze-sa', 'UFOSA', 'vorze-odd');
    expect(resolved?.protocolVariant).toBe('vorze-sa-single-rotator');
    // A toy matched to that model (e.g. through a user config) but named neither CycSA nor UFO.
    const sim = r.server.simulated.add({ name: 'Mystery Rotor', address: 'vorze-odd' });
    const spec = r.server.manager.database.protocol('vorze-sa')!.communication[0]!;
    const hardware = await sim.candidate().connect(spec);
    await expect(
      Promise.resolve().then(() =>
        vorzeSa.create({ hardware, device: resolved!, log: () => {}, emitReading: () => {} }),
      ),
    ).rejects.toThrow(/no Vorze packet shape for "Mystery Rotor"/);
    await hardware.disconnect();
  });
});
