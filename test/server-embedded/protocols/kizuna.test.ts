import { describe, expect, it } from 'vitest';
import { toyHarness } from '../../support/toy-harness.js';

describe('kizuna (serial)', () => {
  it('sends the rotation speed as an ASCII digit and CRLF, either direction', async () => {
    // The built-in config names the placeholder port "default".
    const h = await toyHarness({ name: 'Kizuna', address: 'default', bus: 'serial' });
    try {
      const device = (await h.connected())!;
      expect(device.name).toBe('Kizuna Smart');
      await device.output(0, { Rotate: { Value: 5 } });
      await device.output(0, { Rotate: { Value: -9 } });
      await device.stop();
      const text = h.sim.writes.map((w) => `${w.endpoint}:${String.fromCharCode(...w.data)}`);
      expect(text).toEqual(['tx:5\r\n', 'tx:9\r\n', 'tx:0\r\n']);
    } finally {
      await h.close();
    }
  });
});
