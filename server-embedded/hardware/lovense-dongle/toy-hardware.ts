import { BaseHardware, HardwareError } from '../base-hardware.js';
import { BLE_MESSAGE_GAP_MS, type Endpoint } from '../types.js';

/**
 * The name a dongle toy goes by until its protocol asks it what it is. The dongle relays only
 * Lovense toys, and `LVS-*` is how the device database recognises Lovense (the reference server
 * does the same), so the toy is offered as if it were a Lovense BLE advertisement.
 */
export const DONGLE_TOY_NAME = 'LVS-DongleDevice';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * A toy reached through a dongle. `tx` takes the toy's Lovense command text, which the dongle
 * forwards; what the toy answers arrives as `rx` notifications. The dongle forwards answers
 * whether or not anyone subscribed, so subscribing only records the wish; reads do not exist.
 */
export class DongleToyHardware extends BaseHardware {
  /** The dongle relays over Bluetooth, so the BLE pacing applies. */
  readonly messageGapMs = BLE_MESSAGE_GAP_MS;

  constructor(
    id: string,
    private readonly sendCommand: (text: string) => Promise<void>,
    private readonly released: () => void,
  ) {
    super(DONGLE_TOY_NAME, id, ['tx', 'rx']);
  }

  async write(endpoint: Endpoint, data: Uint8Array): Promise<void> {
    this.check(endpoint);
    if (endpoint !== 'tx') throw new HardwareError(`${this.label}: write to "tx", not "${endpoint}"`);
    let text: string;
    try {
      text = strictUtf8.decode(data);
    } catch {
      throw new HardwareError(
        `${this.label}: the dongle forwards text commands only; these bytes are not UTF-8`,
      );
    }
    await this.guard(`sending to ${this.label}`, this.sendCommand(text), 5000);
  }

  async read(endpoint: Endpoint): Promise<Uint8Array> {
    this.check(endpoint);
    throw new HardwareError(
      `${this.label}: the Lovense dongle has no reads; answers arrive as rx notifications`,
    );
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.delete(endpoint);
  }

  /** A reply the dongle relayed from the toy. */
  received(text: string): void {
    if (this.closed) return;
    this.notification$.next({ endpoint: 'rx', data: encoder.encode(text) });
  }

  /** The dongle says the toy is gone (or the dongle itself is). */
  lost(): void {
    this.markGone();
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.markGone();
    this.released();
  }
}
