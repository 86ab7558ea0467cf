import { interop } from '../interop.js';
import { UsbBackend, type UsbModule } from './backend.js';

/** Why the `usb` package cannot run here, in words a user can act on. */
export function usbUnavailableReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const msg = e?.message ?? String(err);
  if (/libusb/.test(msg)) return 'the system library libusb-1.0 is missing (install libusb-1.0-0)';
  if (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND')
    return 'the usb package is not installed';
  return `libusb could not load: ${msg}`;
}

export interface LoadUsbOptions {
  /** Loads the `usb` package (injectable: tests make it fail as a missing library would). */
  importUsb?: () => Promise<UsbModule>;
}

/** Loads libusb and lists devices once, so a missing library shows up now, as a reason. */
export async function loadUsbBackend(opts: LoadUsbOptions = {}): Promise<UsbBackend> {
  try {
    const usb = await (opts.importUsb ?? (async () => interop<UsbModule>(await import('usb'))))();
    usb.getDeviceList();
    return new UsbBackend(usb);
  } catch (err) {
    throw new Error(usbUnavailableReason(err), { cause: err });
  }
}
