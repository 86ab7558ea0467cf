/**
 * The HID dongle. No dongle exists on this machine, so node-hid's module is replaced by one whose
 * only device is a HID handle played by the test (the lowest layer); report framing, line
 * assembly, the dongle conversation and everything above run for real.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DeviceOutput, type ButtplugClientDevice } from 'buttplug';
import type {
  HidDeviceInfo,
  HidHandle,
  NodeHidModule,
} from '../../../../server-embedded/hardware/hid/backend.js';
import { hidReports } from '../../../../server-embedded/hardware/lovense-dongle/hid-link.js';
import { loadLovenseDongleHidBackend } from '../../../../server-embedded/hardware/lovense-dongle/load.js';
import type { Logger } from '../../../../server-embedded/log.js';
import { nextEvent, serveAndConnect, until } from '../../../support/official-client.js';
import { FakeDongle, HUSH } from './fake-dongle.js';

const DONGLE_INFO: HidDeviceInfo = {
  vendorId: 0x1915,
  productId: 0x520a,
  path: '/dev/hidraw-fake-dongle',
  product: 'USB Dongle',
};

/** A dongle's HID handle: takes 65-byte output reports, answers in 64-byte zero-padded input reports. */
class FakeDongleHandle extends EventEmitter implements HidHandle {
  readonly reports: number[][] = [];
  closed = false;
  readonly dongle = new FakeDongle({ toy: HUSH }, (line) => this.answer(`${line}\n`));

  async write(report: number[]): Promise<number> {
    if (this.closed) throw new Error('device closed');
    this.reports.push(report);
    this.dongle.receive(Buffer.from(report.slice(1).filter((b) => b !== 0)).toString('utf8'));
    return report.length;
  }

  async read(): Promise<Buffer | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Sends text as input reports of 64 bytes; the last byte of each is the 0 terminator. */
  private answer(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += 63) {
      const report = Buffer.alloc(64);
      bytes.subarray(at, at + 63).copy(report);
      setImmediate(() => this.emit('data', report));
    }
  }
}

const fakeNodeHid = (handle: FakeDongleHandle, devices: HidDeviceInfo[] = [DONGLE_INFO]): NodeHidModule => ({
  devicesAsync: async () => devices,
  HIDAsync: {
    open: async (path: string) => {
      if (path !== DONGLE_INFO.path) throw new Error(`cannot open device with path ${path}`);
      return handle;
    },
  },
});

describe('Lovense HID dongle through an injected HID device', () => {
  it('a v4 client finds, vibrates and reads a Hush; every output report is framed as the dongle needs', async () => {
    const handle = new FakeDongleHandle();
    const logs: string[] = [];
    const log: Logger = (level, m) => logs.push(`${level} ${m}`);
    const { backend, note } = await loadLovenseDongleHidBackend({
      importNodeHid: async () => fakeNodeHid(handle),
    });
    expect(note).toBe('dongle at /dev/hidraw-fake-dongle');
    const run = await serveAndConnect({ backends: [backend], log });
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      const device = await added;
      await finished;
      expect(device.name).toBe('Lovense Hush');

      const before = handle.reports.length;
      await device.features.get(0)!.runOutput(DeviceOutput.Vibrate.percent(0.25));
      const expected = `${JSON.stringify({ type: 'toy', func: 'command', id: HUSH.id, cmd: 'Vibrate:5;' })}\r\n`;
      const count = Math.ceil(Buffer.byteLength(expected) / 63);
      await until(() => handle.reports.length >= before + count, 'the vibrate reports');
      const sent = handle.reports.slice(before);
      expect(count).toBeGreaterThan(1); // this command spans reports
      const bytes = Buffer.from(expected);
      sent.forEach((r, i) => {
        expect(r).toHaveLength(65);
        expect(r[0]).toBe(0); // report id
        expect(r[64]).toBe(0);
        const chunk = [...bytes.subarray(i * 63, i * 63 + 63)];
        expect(r.slice(1, 1 + chunk.length)).toEqual(chunk);
        expect(r.slice(1 + chunk.length).every((b) => b === 0)).toBe(true);
      });
      expect(hidReports(expected)).toEqual(sent);

      expect(await device.battery()).toBe(85);

      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved');
      handle.dongle.toyLeaves();
      expect((await removed).index).toBe(device.index);
    } finally {
      await run.stop();
    }
    expect(handle.closed).toBe(true);
  });

  it('an unplugged dongle (a read error) removes its toy', async () => {
    const handle = new FakeDongleHandle();
    const { backend } = await loadLovenseDongleHidBackend({ importNodeHid: async () => fakeNodeHid(handle) });
    const run = await serveAndConnect({ backends: [backend] });
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      await run.client.startScanning();
      const device = await added;
      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved');
      handle.emit('error', new Error('could not read from HID device'));
      expect((await removed).index).toBe(device.index);
    } finally {
      await run.stop();
    }
  });

  it('without a dongle plugged in, the backend is active, says so, and a scan finishes', async () => {
    const handle = new FakeDongleHandle();
    const logs: string[] = [];
    const other: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc52b, path: '/dev/hidraw0' };
    const { backend, note } = await loadLovenseDongleHidBackend({
      importNodeHid: async () => fakeNodeHid(handle, [other]),
    });
    expect(note).toBe('no dongle plugged in yet; looked for at each scan');
    const run = await serveAndConnect({ backends: [backend], log: (l, m) => logs.push(`${l} ${m}`) });
    try {
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      await finished;
      expect(logs).toContain('info lovense-dongle-hid: no Lovense dongle is plugged in');
      expect(handle.reports).toEqual([]);
    } finally {
      await run.stop();
    }
  });

  it('reports a missing libusb as the reason, when the native library cannot be loaded', async () => {
    // A real dlopen of a library path that is not there, as node-hid's addon fails without libusb.
    const importNodeHid = async () => {
      const module = { exports: {} };
      process.dlopen(module, '/nonexistent/plugkit/libusb-1.0.so.0');
      return module.exports as never;
    };
    await expect(loadLovenseDongleHidBackend({ importNodeHid })).rejects.toThrow(
      'the system library libusb-1.0 is missing (install libusb-1.0-0)',
    );
  });

  it('loads with the real node-hid here and finds no dongle', async () => {
    const { backend, note } = await loadLovenseDongleHidBackend();
    expect(backend.name).toBe('lovense-dongle-hid');
    expect(note).toBe('no dongle plugged in yet; looked for at each scan');
    await backend.close();
  });
});
