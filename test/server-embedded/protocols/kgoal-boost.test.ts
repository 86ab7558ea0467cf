import { describe, expect, it } from 'vitest';
import { toyHarness } from '../../support/toy-harness.js';

const pressure = (normalized: number, raw: number) => [
  0,
  0,
  0,
  normalized >> 8,
  normalized & 0xff,
  raw >> 8,
  raw & 0xff,
];

describe('kgoal-boost pressure streams', () => {
  it('subscribes once for both streams, reports changed values only, unsubscribes when both end', async () => {
    const h = await toyHarness({ name: 'Boost' });
    try {
      const device = (await h.connected())!;
      expect(device.name).toBe('KGoal Boost');
      const readings: string[] = [];
      device.reading$.subscribe((r) => readings.push(`${r.featureIndex}:${r.value}`));

      await device.input(0, 'Pressure', 'Subscribe');
      expect(h.sim.commands).toEqual([{ kind: 'subscribe', endpoint: 'rxpressure' }]);
      expect(h.sim.notify('rxpressure', pressure(0x0102, 0x0304))).toBe(true);
      h.sim.notify('rxpressure', pressure(0x0102, 0x0305)); // normalised unchanged: nothing
      h.sim.notify('rxpressure', pressure(0x0200, 0x0305));
      expect(readings).toEqual(['0:258', '0:512']);

      await device.input(1, 'Pressure', 'Subscribe');
      expect(h.sim.commands).toHaveLength(1); // already subscribed on the device
      h.sim.notify('rxpressure', pressure(0x0200, 0x0400));
      expect(readings).toEqual(['0:258', '0:512', '1:1024']);

      h.sim.notify('rxpressure', [1, 2, 3]); // too short: logged and ignored
      expect(h.logs.some((l) => l.startsWith('warn') && l.includes('3-byte pressure'))).toBe(true);
      expect(readings).toHaveLength(3);

      await device.input(0, 'Pressure', 'Unsubscribe');
      expect(h.sim.commands).toHaveLength(1);
      h.sim.notify('rxpressure', pressure(0x0300, 0x0500));
      expect(readings).toEqual(['0:258', '0:512', '1:1024', '1:1280']);
      await device.input(1, 'Pressure', 'Unsubscribe');
      expect(h.sim.commands.at(-1)).toEqual({ kind: 'unsubscribe', endpoint: 'rxpressure' });
    } finally {
      await h.close();
    }
  });
});
