import { describe, expect, it } from 'vitest';
import { loadHidBackend, hidUnavailableReason } from '../../../../server-embedded/hardware/hid/load.js';
import type { BackendSink, DeviceCandidate } from '../../../../server-embedded/hardware/types.js';
import { DeviceDatabase } from '../../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../../server-embedded/devices/config/load.js';
import { until } from '../../../support/official-client.js';

/** No HID toy exists on this machine, so these tests go through node-hid's real list/open path. */
describe('HID backend through the real node-hid', () => {
  it('loads with the system library present, enumerates, and finds no toy here', async () => {
    const backend = await loadHidBackend();
    const found: DeviceCandidate[] = [];
    let finished = false;
    const sink: BackendSink = {
      deviceFound: (c) => found.push(c),
      scanFinished: () => (finished = true),
      scanFailed: (e) => {
        throw e;
      },
      specifiers: () => [],
      log: () => {},
    };
    await backend.start(sink);
    await backend.startScanning();
    await until(() => finished, 'the HID scan to finish');
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    expect(found.filter((c) => db.match(c).length > 0)).toEqual([]);
    await backend.close();
  });

  it('opening a device path that does not exist fails with a clear error', async () => {
    const backend = await loadHidBackend();
    // A Vorze Cyclone X's ids, as the config lists them, at a path no device has.
    const candidate = backend.candidate({
      vendorId: 1155,
      productId: 22352,
      path: '/dev/hidraw-plugkit-none',
      product: 'UFO',
    });
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const [match] = db.match(candidate);
    expect(match?.protocol).toBe('vorze-cyclone-x');
    await expect(candidate.connect(match!.specifier)).rejects.toThrow(
      /^cannot open HID device \/dev\/hidraw-plugkit-none: .*(No such file|Failed to open|cannot open)/,
    );
  });

  it('reports a missing libusb as the reason, when the native library cannot be loaded', async () => {
    // Make the loader's import fail the way a missing shared library does: a real dlopen of an
    // addon path named after the library that is not there.
    const importNodeHid = async () => {
      const module = { exports: {} };
      process.dlopen(module, '/nonexistent/plugkit/libusb-1.0.so.0');
      return module.exports as never;
    };
    await expect(loadHidBackend({ importNodeHid })).rejects.toThrow(
      'the system library libusb-1.0 is missing (install libusb-1.0-0)',
    );
  });

  it('names other missing pieces precisely', () => {
    expect(hidUnavailableReason(new Error('libudev.so.1: cannot open shared object file'))).toBe(
      'the system library libudev is missing (install libudev1)',
    );
    expect(hidUnavailableReason(Object.assign(new Error('x'), { code: 'ERR_MODULE_NOT_FOUND' }))).toBe(
      'the node-hid package is not installed',
    );
  });
});
