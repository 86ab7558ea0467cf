import type { HidDeviceInfo, NodeHidModule } from '../hid/backend.js';
import { hidUnavailableReason } from '../hid/load.js';
import { interop } from '../interop.js';
import type { SerialPortModule } from '../serial/hardware.js';
import { listFailureReason } from '../serial/backend.js';
import { loadSerialportModule } from '../serial/load.js';
import type { BackendSink } from '../types.js';
import { LovenseDongleBackend, type DongleFinder } from './backend.js';
import { HID_DONGLE_USB_IDS, HidDongleLink } from './hid-link.js';
import { SERIAL_DONGLE_USB_IDS, SerialDongleLink } from './serial-link.js';
import type { DongleTimings } from './session.js';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const overflowLog = (log: BackendSink['log']) => (dropped: number) =>
  log('warn', `dropped ${dropped} characters from the Lovense dongle that never ended their line`);

/** Listed ports that are the serial dongle's USB bridge. */
export async function listSerialDongles(mod: SerialPortModule): Promise<string[]> {
  const ports = (await mod.SerialPort.list()) as { path: string; vendorId?: string; productId?: string }[];
  return ports
    .filter(
      (p) =>
        p.vendorId?.toLowerCase() === hex4(SERIAL_DONGLE_USB_IDS.vendorId) &&
        p.productId?.toLowerCase() === hex4(SERIAL_DONGLE_USB_IDS.productId),
    )
    .map((p) => p.path);
}

/** Listed HID devices that are the HID dongle. */
export async function listHidDongles(hid: NodeHidModule): Promise<HidDeviceInfo[]> {
  return (await hid.devicesAsync()).filter(
    (d) =>
      d.path && d.vendorId === HID_DONGLE_USB_IDS.vendorId && d.productId === HID_DONGLE_USB_IDS.productId,
  );
}

export interface LoadSerialDongleOptions {
  /** Loads `serialport` (injectable for tests). */
  importSerialport?: () => Promise<SerialPortModule>;
  /** Ports to use instead of the listing (a pty in tests, a port udev does not describe). */
  ports?: string[];
  timings?: Partial<DongleTimings>;
}

/** The serial dongle backend; throws with the reason when `serialport` cannot load. */
export async function loadLovenseDongleSerialBackend(
  opts: LoadSerialDongleOptions = {},
): Promise<{ backend: LovenseDongleBackend; note?: string }> {
  const mod = await loadSerialportModule(opts.importSerialport);
  const find: DongleFinder = async (log) => {
    let paths = opts.ports;
    if (!paths) {
      try {
        paths = await listSerialDongles(mod);
      } catch (err) {
        throw new Error(listFailureReason(err), { cause: err });
      }
    }
    const [path] = paths;
    if (path === undefined) return undefined;
    if (paths.length > 1) log('info', `${paths.length} dongles found; using ${path}`);
    return SerialDongleLink.open(mod, path, overflowLog(log));
  };
  const backend = new LovenseDongleBackend({
    name: 'lovense-dongle-serial',
    find,
    ...(opts.timings ? { timings: opts.timings } : {}),
  });
  if (opts.ports) return { backend };
  const present = await listSerialDongles(mod).catch(() => undefined);
  if (present === undefined)
    return {
      backend,
      note: 'serial ports cannot be listed (is udevadm installed?); the dongle will not be found',
    };
  return present.length
    ? { backend, note: `dongle on ${present[0]}` }
    : { backend, note: 'no dongle plugged in yet; looked for at each scan' };
}

export interface LoadHidDongleOptions {
  /** Loads node-hid (injectable: tests supply a dongle, or make the library fail to load). */
  importNodeHid?: () => Promise<NodeHidModule>;
  timings?: Partial<DongleTimings>;
}

/** The HID dongle backend; throws with the reason when node-hid or its system library is missing. */
export async function loadLovenseDongleHidBackend(
  opts: LoadHidDongleOptions = {},
): Promise<{ backend: LovenseDongleBackend; note?: string }> {
  let hid: NodeHidModule;
  let present: HidDeviceInfo[];
  try {
    hid = await (opts.importNodeHid ?? (async () => interop<NodeHidModule>(await import('node-hid'))))();
    // node-hid loads its library on first use: list now so a missing one is a reason, not a mid-scan error.
    present = await listHidDongles(hid);
  } catch (err) {
    throw new Error(hidUnavailableReason(err), { cause: err });
  }
  const find: DongleFinder = async (log) => {
    const [dongle, ...more] = await listHidDongles(hid);
    if (!dongle) return undefined;
    if (more.length) log('info', `${more.length + 1} dongles found; using ${dongle.path}`);
    const path = dongle.path!;
    let handle;
    try {
      handle = await hid.HIDAsync.open(path);
    } catch (err) {
      throw new Error(`cannot open the Lovense dongle ${path}: ${(err as Error).message}`, { cause: err });
    }
    return new HidDongleLink(handle, path, overflowLog(log));
  };
  const backend = new LovenseDongleBackend({
    name: 'lovense-dongle-hid',
    find,
    ...(opts.timings ? { timings: opts.timings } : {}),
  });
  return present.length
    ? { backend, note: `dongle at ${present[0]!.path}` }
    : { backend, note: 'no dongle plugged in yet; looked for at each scan' };
}
