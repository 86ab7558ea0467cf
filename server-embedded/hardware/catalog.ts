/**
 * The hardware backends `plugkit serve` can start, each loaded lazily (dynamic import) so a
 * machine without a radio or a system library still runs the rest. A backend that cannot start
 * says why, precisely enough to fix it.
 */
import type { Logger } from '../log.js';
import type { HardwareBackend } from './types.js';

/** Which backends a command line asked for. */
export interface BackendRequest {
  useBluetoothLe: boolean;
  useSerial: boolean;
  useHid: boolean;
  useDeviceWebsocketServer: boolean;
  deviceWebsocketServerPort?: number | undefined;
  /** Raw USB (libusb) toys; optional so callers written before it keep working. */
  useUsb?: boolean | undefined;
  useLovenseDongleSerial?: boolean | undefined;
  useLovenseDongleHid?: boolean | undefined;
}

/** The outcome of loading one requested backend. */
export interface BackendStatus {
  name: string;
  backend?: HardwareBackend;
  /** Why the backend is unavailable. */
  reason?: string;
  /** A limitation of an active backend (e.g. ports cannot be listed). */
  note?: string;
}

/** Loads one backend; throws an Error whose message is the reason it cannot run. */
export type BackendLoader = (
  req: BackendRequest,
  log: Logger,
) => Promise<{ backend: HardwareBackend; note?: string }>;

/** The built-in loaders, by backend name. */
export const defaultLoaders: Readonly<Record<string, BackendLoader>> = {
  'bluetooth-le': async () => ({ backend: await (await import('./ble/load.js')).loadBleBackend() }),
  serial: async () => (await import('./serial/load.js')).loadSerialBackend(),
  hid: async () => ({ backend: await (await import('./hid/load.js')).loadHidBackend() }),
  usb: async () => ({ backend: await (await import('./usb/load.js')).loadUsbBackend() }),
  'websocket-devices': async (req) => {
    const { WebSocketDeviceBackend } = await import('./websocket-devices/backend.js');
    const backend = new WebSocketDeviceBackend(
      req.deviceWebsocketServerPort !== undefined ? { port: req.deviceWebsocketServerPort } : {},
    );
    await backend.listen();
    return { backend, note: `devices connect to ws://0.0.0.0:${backend.port}` };
  },
  'lovense-dongle-serial': async () =>
    (await import('./lovense-dongle/load.js')).loadLovenseDongleSerialBackend(),
  'lovense-dongle-hid': async () => (await import('./lovense-dongle/load.js')).loadLovenseDongleHidBackend(),
};

const catalog: { name: string; wanted: (r: BackendRequest) => boolean }[] = [
  { name: 'bluetooth-le', wanted: (r) => r.useBluetoothLe },
  { name: 'serial', wanted: (r) => r.useSerial },
  { name: 'hid', wanted: (r) => r.useHid },
  { name: 'usb', wanted: (r) => r.useUsb === true },
  { name: 'websocket-devices', wanted: (r) => r.useDeviceWebsocketServer },
  { name: 'lovense-dongle-serial', wanted: (r) => r.useLovenseDongleSerial === true },
  { name: 'lovense-dongle-hid', wanted: (r) => r.useLovenseDongleHid === true },
];

/**
 * Loads every requested backend; never throws, reports each as active or unavailable.
 * `loaders` replaces built-in loaders by name (tests, embedders with their own builds).
 */
export async function requestedBackends(
  req: BackendRequest,
  log: Logger,
  loaders: Partial<Record<string, BackendLoader>> = {},
): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  for (const entry of catalog) {
    if (!entry.wanted(req)) continue;
    const load = loaders[entry.name] ?? defaultLoaders[entry.name]!;
    try {
      const { backend, note } = await load(req, log);
      out.push({ name: entry.name, backend, ...(note ? { note } : {}) });
    } catch (err) {
      out.push({ name: entry.name, reason: (err as Error).message });
    }
  }
  return out;
}
