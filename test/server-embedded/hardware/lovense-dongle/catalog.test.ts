import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../../server-embedded/cli/args.js';
import { requestedBackends } from '../../../../server-embedded/hardware/catalog.js';
import { silentLogger } from '../../../../server-embedded/log.js';

describe('Lovense dongle flags of plugkit serve', () => {
  it('parses --use-lovense-dongle-serial and --use-lovense-dongle-hid', () => {
    const args = parseServeArgs(['--use-lovense-dongle-serial', '--use-lovense-dongle-hid']);
    expect(args.useLovenseDongleSerial).toBe(true);
    expect(args.useLovenseDongleHid).toBe(true);
    expect(parseServeArgs([]).useLovenseDongleSerial).toBe(false);
  });

  it('loads both backends lazily, each active with a note or unavailable with a reason', async () => {
    const args = parseServeArgs(['--use-lovense-dongle-serial', '--use-lovense-dongle-hid']);
    const statuses = await requestedBackends(args, silentLogger);
    try {
      expect(statuses.map((s) => s.name)).toEqual(['lovense-dongle-serial', 'lovense-dongle-hid']);
      for (const s of statuses) {
        // No dongle is plugged into this machine; serialport and node-hid (with libusb) are installed.
        expect(s.reason).toBeUndefined();
        expect(s.backend?.name).toBe(s.name);
        expect(s.note).toBe('no dongle plugged in yet; looked for at each scan');
      }
    } finally {
      for (const s of statuses) await s.backend?.close();
    }
  });

  it('a failing loader becomes the "unavailable — why" reason', async () => {
    const [hid] = await requestedBackends({ ...parseServeArgs(['--use-lovense-dongle-hid']) }, silentLogger, {
      'lovense-dongle-hid': async () => {
        throw new Error('the system library libusb-1.0 is missing (install libusb-1.0-0)');
      },
    });
    expect(hid).toEqual({
      name: 'lovense-dongle-hid',
      reason: 'the system library libusb-1.0 is missing (install libusb-1.0-0)',
    });
  });
});
