import { execFile } from 'node:child_process';
import { SerialBackend } from './backend.js';
import type { SerialPortModule } from './hardware.js';
import { interop } from '../interop.js';

export interface LoadSerialOptions {
  /** Loads `serialport` (injectable for tests). */
  importSerialport?: () => Promise<SerialPortModule>;
  /** Checks that port listing can work (default: `udevadm --version` runs, on Linux). */
  canList?: () => Promise<boolean>;
}

const udevadmRuns = (): Promise<boolean> =>
  process.platform !== 'linux'
    ? Promise.resolve(true)
    : new Promise((resolve) => execFile('udevadm', ['--version'], (err) => resolve(!err)));

/** Loads the `serialport` package; throws with the reason a user can act on when it cannot. */
export async function loadSerialportModule(
  importSerialport: () => Promise<SerialPortModule> = async () =>
    interop<SerialPortModule>(await import('serialport')),
): Promise<SerialPortModule> {
  try {
    return await importSerialport();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(
      e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND'
        ? 'the serialport package is not installed'
        : `serialport could not load its native bindings: ${e.message}`,
      { cause: err },
    );
  }
}

/**
 * Loads `serialport` and its native bindings. Throws with the reason when it cannot run; returns
 * a note when ports can be opened but not listed (no udevadm).
 */
export async function loadSerialBackend(
  opts: LoadSerialOptions = {},
): Promise<{ backend: SerialBackend; note?: string }> {
  const mod = await loadSerialportModule(opts.importSerialport);
  const backend = new SerialBackend({ serialport: mod });
  if (!(await (opts.canList ?? udevadmRuns)()))
    return {
      backend,
      note: 'udevadm is missing (install udev), so ports are not listed; ports named in the user config still work',
    };
  return { backend };
}
