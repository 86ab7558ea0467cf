import { describe, expect, it } from 'vitest';
import { toyHarness } from '../../support/toy-harness.js';

describe('p2 handshakes that go wrong', () => {
  it('a Lelo that never answers the pairing is dropped after the handshake timeout', async () => {
    const h = await toyHarness({ name: 'TianiHarmony' }, 300);
    try {
      expect(await h.connected()).toBeUndefined();
      expect(h.logs.some((l) => l.includes('not added') && l.includes('handshake did not finish'))).toBe(
        true,
      );
      expect(await h.until(() => !h.sim.connected)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('a Lelo that only ever answers with new passwords is refused after a few rounds', async () => {
    let round = 0;
    const h = await toyHarness({
      name: 'F1SV2A',
      // Every echoed password is answered with another one once we listen again.
      onWrite: (dev, endpoint) => {
        if (endpoint === 'whitelist') setTimeout(() => dev.notify('whitelist', [9, 9, ++round]), 5);
      },
    });
    try {
      h.announce();
      await h.until(() => h.sim.commands.length > 0);
      h.sim.notify('whitelist', [7, 7, 7]);
      expect(await h.connected()).toBeUndefined();
      expect(h.logs.some((l) => l.includes('not added') && l.includes('pairing failed'))).toBe(true);
      expect(h.sim.writes.filter((w) => w.endpoint === 'whitelist')).toHaveLength(5);
    } finally {
      await h.close();
    }
  });

  it('a Lelo that disconnects mid-pairing is not added and leaves the server usable', async () => {
    const h = await toyHarness({ name: 'IdaWave' });
    try {
      h.announce();
      await h.until(() => h.sim.commands.length > 0);
      h.sim.drop();
      expect(await h.connected()).toBeUndefined();
      expect(h.logs.some((l) => l.includes('not added'))).toBe(true);
      expect(h.server.manager.devices.size).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a Lioness whose hello is refused names the pairing PIN', async () => {
    const h = await toyHarness({
      name: 'Lioness',
      onWrite: () => {
        throw new Error('insufficient authentication');
      },
    });
    try {
      expect(await h.connected()).toBeUndefined();
      expect(h.logs.some((l) => l.includes('not added') && l.includes('PIN 6496'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('a Kiiroo v2.1 status block of the wrong length is a clear battery error', async () => {
    const h = await toyHarness({ name: 'Pearl2.1', onRead: () => Uint8Array.of(1, 2, 3, 4, 5, 6) });
    try {
      const device = (await h.connected())!;
      await expect(device.input(1, 'Battery', 'Read')).rejects.toMatchObject({
        reason: 'DeviceCommunicationError',
        message: expect.stringContaining('6-byte status block'),
      });
    } finally {
      await h.close();
    }
  });
});
