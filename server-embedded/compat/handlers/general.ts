/** Scanning, the device list, stops, and v0–v2's RequestLog and Test. */
import { PlugkitError } from '../../../sdk/protocol/index.js';
import { deviceEntry } from '../attributes.js';
import { ok } from '../client-state.js';
import type { LegacyHandlers } from './types.js';

export const generalHandlers: LegacyHandlers<
  | 'StartScanning'
  | 'StopScanning'
  | 'RequestDeviceList'
  | 'StopDeviceCmd'
  | 'StopAllDevices'
  | 'RequestLog'
  | 'Test'
> = {
  async StartScanning(m, c) {
    await c.core.startScanning();
    return ok(m.Id);
  },
  async StopScanning(m, c) {
    await c.core.stopScanning();
    return ok(m.Id);
  },
  async RequestDeviceList(m, c) {
    const devices = c.core.listDevices();
    c.announced.clear();
    for (const d of devices) c.announced.set(d.index, d);
    return {
      type: 'DeviceList',
      Id: m.Id,
      Devices: devices.map((d) => deviceEntry(c.tableFor(d), c.version)),
    };
  },
  async StopDeviceCmd(m, c) {
    await c.core.stop({ DeviceIndex: m.DeviceIndex });
    return ok(m.Id);
  },
  async StopAllDevices(m, c) {
    await c.core.stop({});
    return ok(m.Id);
  },
  // plugkit does not stream its log to clients; the request is accepted and has no effect.
  RequestLog: async (m) => ok(m.Id),
  async Test(m) {
    if (m.TestString === 'Error')
      throw new PlugkitError(
        'ERROR_MSG',
        'InvalidMessageContents',
        'Test asked for an error (TestString "Error").',
      );
    return { type: 'Test', Id: m.Id, TestString: m.TestString };
  },
};
