import type { Noble } from './noble-types.js';
import { BleBackend, type BleBackendOptions } from './backend.js';

/** Why the system's noble cannot run here, in words a user can act on. */
export function bluetoothUnavailableReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EAFNOSUPPORT':
      return 'this system has no Bluetooth socket (EAFNOSUPPORT)';
    case 'EPERM':
    case 'EACCES':
      return `no permission to open the Bluetooth socket (${e.code}); grant cap_net_raw to node or run as root`;
    case 'ENODEV':
      return 'no Bluetooth adapter found (ENODEV)';
    case 'MODULE_NOT_FOUND':
    case 'ERR_MODULE_NOT_FOUND':
      return '@abandonware/noble is not installed';
    default:
      return `noble could not start: ${e?.message ?? String(err)}`;
  }
}

/** Adapter states that will not turn into `poweredOn` by themselves. */
const DEAD_STATES: Record<string, string> = {
  unsupported: 'the Bluetooth adapter does not support Bluetooth LE (state "unsupported")',
  unauthorized: 'this process may not use Bluetooth (state "unauthorized")',
};

export interface LoadBleOptions extends Omit<BleBackendOptions, 'noble'> {
  /** Loads the system noble (injectable for tests). */
  importNoble?: () => Promise<Noble>;
  /** How long to wait for the adapter's first state report (default 1.5 s). */
  stateWaitMs?: number;
}

/**
 * Loads noble with the system bindings and checks the adapter. Throws an Error whose message is
 * the reason when Bluetooth LE cannot work here.
 */
export async function loadBleBackend(opts: LoadBleOptions = {}): Promise<BleBackend> {
  let noble: Noble;
  try {
    noble = await (opts.importNoble ?? defaultImport)();
  } catch (err) {
    throw new Error(bluetoothUnavailableReason(err), { cause: err });
  }
  let state: string;
  try {
    state = await firstState(noble, opts.stateWaitMs ?? 1500);
  } catch (err) {
    throw new Error(bluetoothUnavailableReason(err), { cause: err });
  }
  const dead = DEAD_STATES[state];
  if (dead) throw new Error(dead);
  return new BleBackend({ ...opts, noble });
}

const defaultImport = async (): Promise<Noble> => {
  const mod = (await import('@abandonware/noble')) as unknown as { default: Noble };
  return mod.default;
};

const firstState = (noble: Noble, ms: number): Promise<string> =>
  new Promise((resolve, reject) => {
    let state: string;
    try {
      state = noble.state; // starts the bindings
    } catch (err) {
      reject(err);
      return;
    }
    if (state !== 'unknown') return resolve(state);
    const timer = setTimeout(() => {
      noble.removeListener('stateChange', on);
      resolve(noble.state);
    }, ms);
    const on = (s: string) => {
      clearTimeout(timer);
      noble.removeListener('stateChange', on);
      resolve(s);
    };
    noble.on('stateChange', on);
  });
