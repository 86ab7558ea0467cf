/**
 * Raw USB backend. No USB toy exists here, so the libusb binding (the `usb` package's device
 * list) is replaced at the lowest layer by a fake device that records control transfers; the
 * backend, the device manager and the rez-trancevibrator protocol above it run for real. The
 * real package is also loaded and listed, and the missing-library reason is checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UsbDevice, UsbModule } from '../../../../server-embedded/hardware/usb/backend.js';
import { loadUsbBackend } from '../../../../server-embedded/hardware/usb/load.js';
import { PlugkitServer } from '../../../../server-embedded/server/server.js';
import { until } from '../../../support/server.js';

interface Transfer {
  type: number;
  request: number;
  value: number;
  index: number;
  data: number[];
}

const fakeDevice = (idVendor: number, idProduct: number, deviceAddress: number) => {
  const transfers: Transfer[] = [];
  let opened = 0;
  const device: UsbDevice = {
    busNumber: 1,
    deviceAddress,
    deviceDescriptor: { idVendor, idProduct },
    open: () => void opened++,
    close: () => {},
    controlTransfer: (type, request, value, index, data, cb) => {
      transfers.push({ type, request, value, index, data: [...data] });
      queueMicrotask(() => cb(undefined));
      return device;
    },
  };
  return { device, transfers, opened: () => opened };
};

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('USB backend (libusb)', () => {
  it('finds a Rez Trance Vibrator by its ids and sends speed as a vendor control request', async () => {
    const rez = fakeDevice(0x0b49, 0x064f, 7);
    const mouse = fakeDevice(0x046d, 0xc077, 8);
    const usb: UsbModule = { getDeviceList: () => [rez.device, mouse.device] };
    const backend = await loadUsbBackend({ importUsb: async () => usb });
    server = await PlugkitServer.create({ backends: [backend], log: 'off' });
    await server.manager.startScanning();
    await until(() => server!.manager.devices.size === 1);
    const device = [...server.manager.devices.values()][0]!;
    expect(device.name).toBe('Rez TranceVibrator');
    expect(device.hardware.address).toBe('usb:1-7');
    expect(mouse.opened()).toBe(0);

    await device.output(0, { Vibrate: { Value: 200 } });
    await device.stop();
    expect(rez.transfers).toEqual([
      { type: 0x43, request: 1, value: 200, index: 0, data: [] },
      { type: 0x43, request: 1, value: 0, index: 0, data: [] },
    ]);
  });

  it('refuses malformed control writes and reads with clear errors', async () => {
    const rez = fakeDevice(0x0b49, 0x064f, 9);
    const backend = await loadUsbBackend({ importUsb: async () => ({ getDeviceList: () => [rez.device] }) });
    server = await PlugkitServer.create({ backends: [backend], log: 'off' });
    await server.manager.startScanning();
    await until(() => server!.manager.devices.size === 1);
    const hw = [...server.manager.devices.values()][0]!.hardware;
    await expect(hw.write('control', Uint8Array.from([0x43, 1]), false)).rejects.toThrow(
      /needs 6 header bytes/,
    );
    await expect(hw.write('control', Uint8Array.from([0xc3, 1, 0, 0, 0, 0]), false)).rejects.toThrow(
      /only host-to-device/,
    );
    await expect(hw.read('control', 1, 100)).rejects.toThrow(/reads are not supported/);
    await expect(hw.write('tx', Uint8Array.from([1]), false)).rejects.toThrow(/no endpoint "tx"/);
    expect(rez.transfers).toEqual([]);
  });

  it('loads the real usb package and lists devices', async () => {
    const backend = await loadUsbBackend();
    expect(backend.name).toBe('usb');
  });

  it('names a missing libusb as the reason', async () => {
    const importUsb = async (): Promise<UsbModule> => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
    };
    await expect(loadUsbBackend({ importUsb })).rejects.toThrow(
      'the system library libusb-1.0 is missing (install libusb-1.0-0)',
    );
  });
});
