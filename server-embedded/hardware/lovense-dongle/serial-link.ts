import { HardwareError } from '../base-hardware.js';
import type { SerialPortLike, SerialPortModule } from '../serial/hardware.js';
import { BaseDongleLink } from './link.js';

/** The serial dongle's USB-serial bridge (a CH340): vendor 0x1A86, product 0x7523. */
export const SERIAL_DONGLE_USB_IDS = { vendorId: 0x1a86, productId: 0x7523 } as const;
/** Line settings of the serial dongle: 115200 baud, 8 data bits, no parity, 1 stop bit. */
export const SERIAL_DONGLE_SETTINGS = {
  baudRate: 115200,
  dataBits: 8,
  stopBits: 1,
  parity: 'none',
} as const;

const WRITE_TIMEOUT_MS = 5000;

/** The serial dongle: lines end with `\r\n` both ways. */
export class SerialDongleLink extends BaseDongleLink {
  private constructor(
    private readonly port: SerialPortLike,
    path: string,
    overflow: (dropped: number) => void,
  ) {
    super(`serial port ${path}`, overflow);
    port.on('data', (data: Buffer) => this.received(data));
    port.on('close', () => this.end());
    port.on('error', () => {
      if (!port.isOpen) this.end();
    });
  }

  /** Opens the port; fails with the OS reason (missing, busy, no permission). */
  static async open(
    mod: SerialPortModule,
    path: string,
    overflow: (dropped: number) => void = () => {},
  ): Promise<SerialDongleLink> {
    const port = new mod.SerialPort({ path, ...SERIAL_DONGLE_SETTINGS, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err
          ? reject(new HardwareError(`cannot open Lovense dongle port ${path}: ${err.message}`))
          : resolve(),
      ),
    );
    return new SerialDongleLink(port, path, overflow);
  }

  async send(line: string): Promise<void> {
    if (this.closed) throw new HardwareError(`${this.description} is closed`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new HardwareError(`${this.description}: write did not finish within ${WRITE_TIMEOUT_MS} ms`),
          ),
        WRITE_TIMEOUT_MS,
      );
      const done = (err?: Error | null) => {
        clearTimeout(timer);
        if (err) reject(new HardwareError(`${this.description}: ${err.message}`));
        else resolve();
      };
      this.port.write(Buffer.from(`${line}\r\n`, 'utf8'), (err) => {
        if (err) return done(err);
        this.port.drain((e) => done(e));
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.end();
  }
}
