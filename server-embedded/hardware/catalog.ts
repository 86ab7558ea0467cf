/**
 * The hardware backends `plugkit serve` can start, each loaded lazily so a machine without a
 * radio or a system library still runs the rest. A backend that cannot start says why.
 */
import type { Logger } from '../log.js';
import type { HardwareBackend } from './types.js';

/** Which backends a command line asked for. */
export interface BackendRequest {
  useBluetoothLe: boolean;
  useSerial: boolean;
  useHid: boolean;
  useDeviceWebsocketServer: boolean;
  deviceWebsocketServerPort?: number;
}

/** The outcome of loading one requested backend. */
export interface BackendStatus {
  name: string;
  backend?: HardwareBackend;
  reason?: string;
}

type Loader = (req: BackendRequest, log: Logger) => Promise<HardwareBackend>;

const notYet: Loader = async () => {
  throw new Error('not implemented in this build yet');
};

const catalog: { name: string; wanted: (r: BackendRequest) => boolean; load: Loader }[] = [
  { name: 'bluetooth-le', wanted: (r) => r.useBluetoothLe, load: notYet },
  { name: 'serial', wanted: (r) => r.useSerial, load: notYet },
  { name: 'hid', wanted: (r) => r.useHid, load: notYet },
  { name: 'websocket-devices', wanted: (r) => r.useDeviceWebsocketServer, load: notYet },
];

/** Loads every requested backend; never throws, reports each as active or unavailable. */
export async function requestedBackends(req: BackendRequest, log: Logger): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  for (const entry of catalog) {
    if (!entry.wanted(req)) continue;
    try {
      out.push({ name: entry.name, backend: await entry.load(req, log) });
    } catch (err) {
      out.push({ name: entry.name, reason: (err as Error).message });
    }
  }
  return out;
}
