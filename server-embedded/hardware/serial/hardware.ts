import { BaseHardware, HardwareError } from '../base-hardware.js';
import type { Endpoint } from '../types.js';

/** The parts of a `serialport` SerialPort this backend uses. */
export interface SerialPortLike {
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
  readonly isOpen: boolean;
  on(event: 'data', fn: (data: Buffer) => void): this;
  on(event: 'close' | 'error', fn: (err?: Error) => void): this;
}

/** Line settings of a port, as `serialport` spells them. */
export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  stopBits: 1 | 2;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
}

/** The parts of the `serialport` module this backend uses. */
export interface SerialPortModule {
  SerialPort: {
    new (opts: SerialSettings & { path: string; autoOpen: false }): SerialPortLike;
    list(): Promise<{ path: string }[]>;
  };
}

const WRITE_TIMEOUT_MS = 5000;

/**
 * An open serial port. Endpoint `tx` writes; `rx` is what the device sends — delivered as
 * notifications while subscribed, else kept (bounded) for the next read.
 */
export class SerialHardware extends BaseHardware {
  private buffered: number[] = [];
  private readonly readers = new Set<() => void>();

  private constructor(
    private readonly port: SerialPortLike,
    path: string,
  ) {
    super(path, path, ['tx', 'rx']);
    port.on('data', (data: Buffer) => {
      if (this.deliver('rx', Uint8Array.from(data))) return;
      this.buffered.push(...data);
      if (this.buffered.length > 64 * 1024) this.buffered = this.buffered.slice(-64 * 1024);
      for (const r of [...this.readers]) r();
    });
    port.on('close', () => this.markGone());
    port.on('error', () => {
      if (!port.isOpen) this.markGone();
    });
  }

  /** Opens `path` with the given settings; fails with the OS reason (missing port, busy, no permission). */
  static async open(mod: SerialPortModule, path: string, settings: SerialSettings): Promise<SerialHardware> {
    const port = new mod.SerialPort({ path, ...settings, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err ? reject(new HardwareError(`cannot open serial port ${path}: ${err.message}`)) : resolve(),
      ),
    );
    return new SerialHardware(port, path);
  }

  async write(endpoint: Endpoint, data: Uint8Array): Promise<void> {
    this.check(endpoint);
    if (endpoint !== 'tx')
      throw new HardwareError(`serial port ${this.address}: write to "tx", not "${endpoint}"`);
    const done = new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(data), (err) => {
        if (err) return reject(err);
        this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
    await this.guard(`writing to serial port ${this.address}`, done, WRITE_TIMEOUT_MS);
  }

  async read(endpoint: Endpoint, length: number, timeoutMs: number): Promise<Uint8Array> {
    this.check(endpoint);
    if (endpoint !== 'rx')
      throw new HardwareError(`serial port ${this.address}: read from "rx", not "${endpoint}"`);
    const want = Math.max(1, length);
    const ready = new Promise<Uint8Array>((resolve) => {
      const take = () => {
        if (this.buffered.length < want) return false;
        this.readers.delete(take);
        resolve(Uint8Array.from(this.buffered.splice(0, want)));
        return true;
      };
      if (!take()) this.readers.add(take);
    });
    return this.guard(`reading from serial port ${this.address}`, ready, timeoutMs);
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.delete(endpoint);
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.markGone();
  }
}
