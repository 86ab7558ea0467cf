import { HardwareError } from '../base-hardware.js';
import type { HidHandle } from '../hid/backend.js';
import { BaseDongleLink } from './link.js';

/** The HID dongle's USB ids: vendor 0x1915, product 0x520A. */
export const HID_DONGLE_USB_IDS = { vendorId: 0x1915, productId: 0x520a } as const;

/** Output report size: the report id (0, the dongle numbers none) and 64 data bytes. */
export const HID_REPORT_BYTES = 65;
/** Text bytes per report: the report's last byte stays 0. */
export const HID_TEXT_BYTES_PER_REPORT = 63;

/** Splits a line (terminator included) into the dongle's output reports. */
export function hidReports(text: string): number[][] {
  const bytes = Buffer.from(text, 'utf8');
  const reports: number[][] = [];
  for (let at = 0; at < bytes.length; at += HID_TEXT_BYTES_PER_REPORT) {
    const report = new Array<number>(HID_REPORT_BYTES).fill(0);
    const chunk = bytes.subarray(at, at + HID_TEXT_BYTES_PER_REPORT);
    for (let i = 0; i < chunk.length; i++) report[i + 1] = chunk[i]!;
    reports.push(report);
  }
  return reports;
}

/**
 * The HID dongle: lines go out as 65-byte output reports (report id 0, up to 63 text bytes, zero
 * padding), and come in as input reports padded with zero bytes, which are dropped.
 */
export class HidDongleLink extends BaseDongleLink {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: HidHandle,
    path: string,
    overflow: (dropped: number) => void = () => {},
  ) {
    super(`HID device ${path}`, overflow);
    handle.on('data', (d: Buffer) => this.received(Uint8Array.from(d).filter((b) => b !== 0)));
    // node-hid reports an unplugged device as a read error.
    handle.on('error', () => this.end());
  }

  send(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new HardwareError(`${this.description} is closed`));
    // Reports of one line must not interleave with another line's.
    const sent = this.queue.then(async () => {
      for (const report of hidReports(`${line}\r\n`)) {
        try {
          await this.handle.write(report);
        } catch (err) {
          throw new HardwareError(`${this.description}: ${(err as Error).message}`);
        }
      }
    });
    this.queue = sent.catch(() => {});
    return sent;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.handle.removeAllListeners('data');
    await this.handle.close().catch(() => {});
    this.end();
  }
}
