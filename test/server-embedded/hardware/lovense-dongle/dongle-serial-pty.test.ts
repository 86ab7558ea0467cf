import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceOutput, type ButtplugClientDevice } from 'buttplug';
import { loadLovenseDongleSerialBackend } from '../../../../server-embedded/hardware/lovense-dongle/load.js';
import type { Logger } from '../../../../server-embedded/log.js';
import { nextEvent, serveAndConnect, until } from '../../../support/official-client.js';
import { FakeDongle, HUSH, type FakeDongleOptions } from './fake-dongle.js';
import { haveSocat, ptyPair, type PtyPair } from '../../../support/pty.js';

if (!haveSocat)
  console.warn('Lovense dongle pty tests skipped: socat is not installed (apt-get install socat)');

const line = (obj: Record<string, string>) => JSON.stringify(obj);

describe.skipIf(!haveSocat)('Lovense serial dongle over a real pty pair (socat)', () => {
  let pty: PtyPair;
  let logs: string[];
  const log: Logger = (level, m) => logs.push(`${level} ${m}`);

  beforeEach(async () => {
    pty = await ptyPair();
    logs = [];
  });
  afterEach(async () => {
    await pty.close();
  });

  /** Plays the dongle on the pty; its answers end with `\n`. */
  const playDongle = (opts: FakeDongleOptions) => {
    const dongle = new FakeDongle(opts, (l) => pty.send(`${l}\n`));
    pty.onText((t) => dongle.receive(t));
    return dongle;
  };

  const serve = async (timings = {}) => {
    const { backend } = await loadLovenseDongleSerialBackend({ ports: [pty.a], timings });
    return serveAndConnect({ backends: [backend], log });
  };

  it('a v4 client finds a Hush through the dongle, vibrates it, reads its battery, and loses it', async () => {
    const dongle = playDongle({ toy: HUSH });
    const run = await serve();
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      const device = await added;
      await finished;
      expect(device.name).toBe('Lovense Hush');

      // The conversation so far, exactly: status check, search, stop on the found toy, identify.
      expect(dongle.requests.slice(0, 4)).toEqual([
        line({ type: 'toy', func: 'statuss' }),
        line({ type: 'toy', func: 'search' }),
        line({ type: 'usb', func: 'stopSearch' }),
        line({ type: 'toy', func: 'command', id: HUSH.id, cmd: 'DeviceType;' }),
      ]);
      expect(dongle.raw.startsWith(`${line({ type: 'toy', func: 'statuss' })}\r\n`)).toBe(true);

      const before = dongle.requests.length;
      await device.features.get(0)!.runOutput(DeviceOutput.Vibrate.percent(0.5));
      await until(() => dongle.requests.length > before, 'the vibrate command');
      expect(dongle.requests.slice(before)).toEqual([
        line({ type: 'toy', func: 'command', id: HUSH.id, cmd: 'Vibrate:10;' }),
      ]);

      expect(await device.battery()).toBe(85);
      expect(dongle.commands.at(-1)).toBe('Battery;');

      // Generous: the link loss is noticed at once, but a loaded CI machine may take seconds to run it.
      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved', 15_000);
      dongle.toyLeaves();
      expect((await removed).index).toBe(device.index);
      expect(logs.join('\n')).toMatch(/toy C44F33A1B2C3 disconnected from the dongle/);
    } finally {
      await run.stop();
    }
  });

  it('garbage lines from the dongle are logged and ignored', async () => {
    // Registered first, so the noise comes before the answer to the search request.
    pty.onText((t) => {
      if (t.includes('"func":"search"'))
        pty.send('not json at all\n{"type":"nope","func":"x"}\n{"type":"toy"}\n\u0001\u0002{broken\n');
    });
    const dongle = playDongle({ toy: HUSH });
    const run = await serve();
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      await run.client.startScanning();
      const device = await added;
      expect(device.name).toBe('Lovense Hush');
      const ignored = logs.filter((l) => l.includes('ignoring a line from the Lovense dongle'));
      expect(ignored).toEqual([
        expect.stringMatching(/^warn .*not JSON: not json at all$/),
        expect.stringMatching(/^warn .*"type" must be "usb" or "toy", got "nope"/),
        expect.stringMatching(/^warn .*"func" is missing/),
        expect.stringMatching(/^warn .*not JSON: [\s\S]{2}/),
        expect.stringMatching(/^warn .*not JSON: \{broken/),
      ]);
      expect(dongle.requests.length).toBeGreaterThan(0);
    } finally {
      await run.stop();
    }
  });

  it('a dongle that never answers ends the scan with ScanningFinished and says why', async () => {
    const dongle = playDongle({ toy: HUSH, silent: true });
    const run = await serve({ searchAnswerMs: 300 });
    try {
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      await finished;
      expect(dongle.requests).toEqual([
        line({ type: 'toy', func: 'statuss' }),
        line({ type: 'toy', func: 'search' }),
      ]);
      expect(logs.join('\n')).toMatch(
        /lovense-dongle-serial: scanning failed: the Lovense dongle \(serial port .*\) did not answer the search request within 300 ms/,
      );
      expect(run.client.devices.size).toBe(0);
    } finally {
      await run.stop();
    }
  });

  it('a toy already paired with the dongle is offered without a search', async () => {
    const dongle = playDongle({ toy: HUSH, paired: true });
    const run = await serve();
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      expect((await added).name).toBe('Lovense Hush');
      await finished;
      expect(dongle.requests.map((r) => JSON.parse(r).func)).not.toContain('search');
    } finally {
      await run.stop();
    }
  });

  it('an unplugged dongle removes its toy, and a scan afterwards finishes', async () => {
    playDongle({ toy: HUSH });
    const run = await serve();
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      await run.client.startScanning();
      const device = await added;
      // Generous: the link loss is noticed at once, but a loaded CI machine may take seconds to run it.
      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved', 15_000);
      await pty.close();
      expect((await removed).index).toBe(device.index);
      // The port is gone: the next scan looks for it, fails to open it, and still finishes.
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      await finished;
      expect(logs.join('\n')).toMatch(/cannot open Lovense dongle port/);
    } finally {
      await run.stop();
    }
  });
});
