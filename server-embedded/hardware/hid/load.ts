import { HidBackend, type NodeHidModule } from './backend.js';
import { interop } from '../interop.js';

/** Why node-hid cannot run here, in words a user can act on. */
export function hidUnavailableReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const msg = e?.message ?? String(err);
  if (/libusb-1\.0/.test(msg)) return 'the system library libusb-1.0 is missing (install libusb-1.0-0)';
  if (/libudev/.test(msg)) return 'the system library libudev is missing (install libudev1)';
  if (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND')
    return 'the node-hid package is not installed';
  return `node-hid could not load: ${msg}`;
}

export interface LoadHidOptions {
  /** Loads node-hid (injectable: tests make it fail as a missing system library would). */
  importNodeHid?: () => Promise<NodeHidModule>;
}

/**
 * Loads node-hid and its native library. node-hid loads the library on first use, so one device
 * listing is made here: a missing libusb/libudev shows up now, as a reason, not mid-scan.
 */
export async function loadHidBackend(opts: LoadHidOptions = {}): Promise<HidBackend> {
  try {
    const hid = await (
      opts.importNodeHid ?? (async () => interop<NodeHidModule>(await import('node-hid')))
    )();
    await hid.devicesAsync();
    return new HidBackend(hid);
  } catch (err) {
    throw new Error(hidUnavailableReason(err), { cause: err });
  }
}
