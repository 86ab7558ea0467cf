import { describe, expect, it } from 'vitest';
import { toyHarness } from '../../support/toy-harness.js';

describe('leten keepalive', () => {
  it('is stopped on connect and repeats the last packet while nothing else is sent', async () => {
    const h = await toyHarness({ name: 'F537-LT' });
    try {
      const device = (await h.connected())!;
      const hex = () => h.sim.writes.map((w) => w.data.map((b) => b.toString(16)).join(' '));
      expect(await h.until(() => hex().length >= 2)).toBe(true);
      expect(hex()).toEqual(['4 1', '2 0']);
      await device.output(0, { Vibrate: { Value: 13 } });
      // The toy's one-second keepalive must resend "02 0d" without another command.
      expect(await h.until(() => hex().filter((x) => x === '2 d').length >= 2, 4000)).toBe(true);
      expect(h.sim.writes.every((w) => w.withResponse)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
