import { Subject, type Observable } from 'rxjs';
import { LineAssembler } from './messages.js';

/**
 * A line connection to a dongle, whatever the bus: text lines out, text lines in. The serial and
 * HID variants differ only here; everything above speaks lines.
 */
export interface DongleLink {
  /** What the dongle is, for logs: `serial port /dev/ttyUSB0`, `HID device /dev/hidraw3`. */
  readonly description: string;
  /** Sends one line; the link adds the terminator. */
  send(line: string): Promise<void>;
  /** Lines from the dongle; completes when the dongle goes away or the link is closed. */
  readonly line$: Observable<string>;
  close(): Promise<void>;
}

/** What serial and HID links share: decoding, line assembly, and one-shot closing. */
export abstract class BaseDongleLink implements DongleLink {
  readonly line$ = new Subject<string>();
  private readonly decoder = new TextDecoder('utf-8');
  private readonly lines: LineAssembler;
  private ended = false;

  constructor(
    readonly description: string,
    overflow: (dropped: number) => void,
  ) {
    this.lines = new LineAssembler(overflow);
  }

  get closed(): boolean {
    return this.ended;
  }

  abstract send(line: string): Promise<void>;
  abstract close(): Promise<void>;

  /** Bytes from the dongle (already stripped of any report framing). */
  protected received(bytes: Uint8Array): void {
    if (this.ended) return;
    for (const line of this.lines.push(this.decoder.decode(bytes, { stream: true }))) this.line$.next(line);
  }

  protected end(): void {
    if (this.ended) return;
    this.ended = true;
    this.line$.complete();
  }
}
