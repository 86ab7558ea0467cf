import { BLE_MESSAGE_GAP_MS } from '../types.js';
import type { BtleSpecifier } from '../specifiers.js';
import { BaseHardware, HardwareError } from '../base-hardware.js';
import type { Endpoint } from '../types.js';
import type { NobleCharacteristic, NoblePeripheral } from './noble-types.js';
import { canonicalUuid } from './uuid.js';

/** Time limits of GATT operations, in ms. */
export interface BleTimeouts {
  connect: number;
  discover: number;
  write: number;
  disconnect: number;
}

export const DEFAULT_BLE_TIMEOUTS: BleTimeouts = {
  connect: 10_000,
  discover: 10_000,
  write: 5_000,
  disconnect: 3_000,
};

/**
 * A connected BLE peripheral: each endpoint of the matched specifier is one GATT
 * characteristic. Disconnects (drop-outs, or ours) fail pending operations and end the handle.
 */
export class BleHardware extends BaseHardware {
  /** BLE toys drop writes that come too close together (reference pacing). */
  readonly messageGapMs = BLE_MESSAGE_GAP_MS;
  private readonly onDisconnect = () => this.markGone();
  private readonly listeners: [NobleCharacteristic, (data: Buffer, isNotification: boolean) => void][] = [];

  private constructor(
    private readonly peripheral: NoblePeripheral,
    private readonly chars: ReadonlyMap<Endpoint, NobleCharacteristic>,
    private readonly timeouts: BleTimeouts,
  ) {
    super(peripheral.advertisement.localName ?? '', peripheral.id, [...chars.keys()]);
    peripheral.once('disconnect', this.onDisconnect);
    for (const [endpoint, c] of chars) {
      const listener = (data: Buffer, isNotification: boolean) => {
        if (isNotification) this.deliver(endpoint, Uint8Array.from(data));
      };
      c.on('data', listener);
      this.listeners.push([c, listener]);
    }
  }

  /**
   * Connects and maps the specifier's endpoints to characteristics. Fails (and disconnects) when
   * the peripheral exposes none of the specifier's services or none of their characteristics.
   */
  static async open(
    peripheral: NoblePeripheral,
    spec: BtleSpecifier,
    timeouts: BleTimeouts,
  ): Promise<BleHardware> {
    const who = `"${peripheral.advertisement.localName ?? ''}" (${peripheral.id})`;
    await withTimeout(peripheral.connectAsync(), timeouts.connect, `connecting to ${who}`);
    try {
      const services = await withTimeout(
        peripheral.discoverServicesAsync([]),
        timeouts.discover,
        `discovering services of ${who}`,
      );
      const chars = new Map<Endpoint, NobleCharacteristic>();
      for (const [serviceUuid, endpoints] of Object.entries(spec.services)) {
        const service = services.find((s) => canonicalUuid(s.uuid) === canonicalUuid(serviceUuid));
        if (!service) continue;
        const found = await withTimeout(
          service.discoverCharacteristicsAsync([]),
          timeouts.discover,
          `discovering characteristics of ${who}`,
        );
        for (const [endpoint, charUuid] of Object.entries(endpoints)) {
          const c = found.find((x) => canonicalUuid(x.uuid) === canonicalUuid(charUuid));
          if (c && !chars.has(endpoint)) chars.set(endpoint, c);
        }
      }
      if (chars.size === 0)
        throw new HardwareError(
          `${who} exposes none of the expected services/characteristics (${Object.keys(spec.services).join(', ')})`,
        );
      return new BleHardware(peripheral, chars, timeouts);
    } catch (err) {
      await withTimeout(peripheral.disconnectAsync(), timeouts.disconnect, 'disconnecting').catch(() => {});
      throw err;
    }
  }

  private char(endpoint: Endpoint): NobleCharacteristic {
    this.check(endpoint);
    return this.chars.get(endpoint)!;
  }

  async write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void> {
    const c = this.char(endpoint);
    await this.guard(
      `writing ${endpoint}`,
      c.writeAsync(Buffer.from(data), !withResponse),
      this.timeouts.write,
    );
  }

  async read(endpoint: Endpoint, _length: number, timeoutMs: number): Promise<Uint8Array> {
    const c = this.char(endpoint);
    return Uint8Array.from(await this.guard(`reading ${endpoint}`, c.readAsync(), timeoutMs));
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    const c = this.char(endpoint);
    await this.guard(`subscribing to ${endpoint}`, c.subscribeAsync(), this.timeouts.write);
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    const c = this.char(endpoint);
    this.subscribed.delete(endpoint);
    await this.guard(`unsubscribing from ${endpoint}`, c.unsubscribeAsync(), this.timeouts.write);
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await withTimeout(
        this.peripheral.disconnectAsync(),
        this.timeouts.disconnect,
        `disconnecting ${this.label}`,
      );
    } finally {
      this.markGone();
    }
  }

  protected override markGone(): void {
    if (this.closed) return;
    this.peripheral.removeListener('disconnect', this.onDisconnect);
    for (const [c, l] of this.listeners) c.removeListener('data', l);
    super.markGone();
  }
}

/** Rejects with a readable error if `work` takes longer than `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HardwareError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
