// fs.promises is read at call time: node:fs/promises costs ~2 ms to load, and serve starts without it.
import { promises as fsp } from 'node:fs';
import type { SerialSpecifier } from '../specifiers.js';
import { HardwareError } from '../base-hardware.js';
import type { BackendSink, DeviceCandidate, HardwareBackend } from '../types.js';
import { SerialHardware, type SerialPortModule, type SerialSettings } from './hardware.js';

/** Port name the base config uses as a placeholder; real ports come from the user config. */
const PLACEHOLDER_PORT = 'default';

export interface SerialBackendOptions {
  /** The `serialport` module (injectable for tests). */
  serialport: SerialPortModule;
}

/** Why listing ports failed, in words a user can act on. */
export function listFailureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' || /udevadm/.test(e?.message ?? ''))
    return 'cannot list serial ports: udevadm is missing (install udev); only ports named in the user config are tried';
  return `cannot list serial ports: ${e?.message ?? String(err)}`;
}

/**
 * Serial ports through `serialport`. A scan offers every listed port plus every port a serial
 * specifier in the config names (pseudo-terminals and symlinks never show up in listings), then
 * finishes; the device database decides which port belongs to which protocol, and the matched
 * specifier's settings (baud, data bits, parity, stop bits) open it.
 */
export class SerialBackend implements HardwareBackend {
  readonly name = 'serial';
  private sink: BackendSink | undefined;
  private readonly open = new Set<string>();
  private finishTimer: ReturnType<typeof setTimeout> | undefined;
  private scanId = 0;

  constructor(private readonly opts: SerialBackendOptions) {}

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
  }

  /** Paths to offer: listed ports, then configured ones that exist. */
  async ports(): Promise<string[]> {
    const paths = new Set<string>();
    try {
      for (const p of await this.opts.serialport.SerialPort.list()) paths.add(p.path);
    } catch (err) {
      this.sink?.log('warn', listFailureReason(err));
    }
    for (const s of this.sink?.specifiers('serial') ?? []) {
      const port = s.serial.port;
      if (port === PLACEHOLDER_PORT || paths.has(port)) continue;
      if (
        await fsp.access(port).then(
          () => true,
          () => false,
        )
      )
        paths.add(port);
      else this.sink?.log('info', `configured serial port ${port} does not exist (yet)`);
    }
    return [...paths];
  }

  async startScanning(): Promise<void> {
    const id = ++this.scanId;
    const ports = await this.ports();
    if (id !== this.scanId) return; // stopped meanwhile
    for (const path of ports) if (!this.open.has(path)) this.sink?.deviceFound(this.candidate(path));
    this.finishTimer = setTimeout(() => this.sink?.scanFinished(), 0);
  }

  async stopScanning(): Promise<void> {
    this.scanId++;
    if (this.finishTimer) clearTimeout(this.finishTimer);
  }

  async close(): Promise<void> {
    await this.stopScanning();
  }

  private candidate(path: string): DeviceCandidate {
    return {
      bus: 'serial',
      name: path,
      address: path,
      port: path,
      connect: async (specifier) => {
        if (specifier.bus !== 'serial')
          throw new HardwareError(`a serial port cannot use a ${specifier.bus} specifier`);
        if (this.open.has(path)) throw new HardwareError(`serial port ${path} is already open`);
        this.open.add(path);
        try {
          const hw = await SerialHardware.open(this.opts.serialport, path, settingsOf(specifier.serial));
          hw.disconnected$.subscribe({ complete: () => this.open.delete(path) });
          return hw;
        } catch (err) {
          this.open.delete(path);
          throw err;
        }
      },
    };
  }
}

const PARITY: Record<string, 'none' | 'even' | 'odd' | 'mark' | 'space'> = {
  n: 'none',
  none: 'none',
  e: 'even',
  even: 'even',
  o: 'odd',
  odd: 'odd',
  m: 'mark',
  mark: 'mark',
  s: 'space',
  space: 'space',
};

/** Port settings from a config specifier; an unknown parity letter is a config error. */
export function settingsOf(s: SerialSpecifier): SerialSettings {
  const parity = PARITY[s.parity.toLowerCase()];
  if (!parity) throw new HardwareError(`serial parity "${s.parity}" is not one of N, E, O, M, S`);
  if (s.stopBits !== 1 && s.stopBits !== 2)
    throw new HardwareError(`serial stop bits must be 1 or 2, got ${s.stopBits}`);
  if (![5, 6, 7, 8].includes(s.dataBits))
    throw new HardwareError(`serial data bits must be 5..8, got ${s.dataBits}`);
  return {
    baudRate: s.baudRate,
    dataBits: s.dataBits as 5 | 6 | 7 | 8,
    stopBits: s.stopBits as 1 | 2,
    parity,
  };
}
