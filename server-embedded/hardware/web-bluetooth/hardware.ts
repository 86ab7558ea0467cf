import { BaseHardware, HardwareError } from '../base-hardware.js';
import { canonicalUuid } from '../ble/uuid.js';
import type { BtleSpecifier } from '../specifiers.js';
import { BLE_MESSAGE_GAP_MS, type Endpoint } from '../types.js';
import type { BluetoothDevice, BluetoothRemoteGATTCharacteristic } from './web-bluetooth-api.js';

/** Time limits of GATT operations, in ms. */
export interface WebBluetoothTimeouts {
  connect: number;
  write: number;
}

export const DEFAULT_WEB_BLUETOOTH_TIMEOUTS: WebBluetoothTimeouts = { connect: 15_000, write: 5_000 };

/** Rejects with a readable error if `work` takes longer than `ms`. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HardwareError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A DOMException's name (NotFoundError, SecurityError, …) or an Error's message. */
const reasonOf = (err: unknown): string =>
  err instanceof Error ? `${err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}` : String(err);

/**
 * A toy connected over Web Bluetooth: each endpoint of the matched specifier is one GATT
 * characteristic. `gattserverdisconnected` (the toy went away, or the page dropped it) fails
 * pending operations and ends the handle, so the device manager removes the device.
 */
export class WebBluetoothHardware extends BaseHardware {
  /** BLE toys drop writes that come too close together (reference pacing). */
  readonly messageGapMs = BLE_MESSAGE_GAP_MS;
  private readonly onDisconnected = () => this.markGone();
  private readonly listeners = new Map<Endpoint, (event: unknown) => void>();

  private constructor(
    private readonly device: BluetoothDevice,
    private readonly chars: ReadonlyMap<Endpoint, BluetoothRemoteGATTCharacteristic>,
    private readonly timeouts: WebBluetoothTimeouts,
  ) {
    super(device.name ?? '', device.id, [...chars.keys()]);
    device.addEventListener('gattserverdisconnected', this.onDisconnected);
  }

  /**
   * Connects GATT and maps the specifier's endpoints to characteristics. Fails (and disconnects)
   * when the toy exposes none of them — or the page did not list their services when it asked
   * for the device (`optionalServices`), which Web Bluetooth reports the same way.
   */
  static async open(
    device: BluetoothDevice,
    spec: BtleSpecifier,
    timeouts: WebBluetoothTimeouts = DEFAULT_WEB_BLUETOOTH_TIMEOUTS,
  ): Promise<WebBluetoothHardware> {
    const who = `"${device.name ?? ''}" (${device.id})`;
    const gatt = device.gatt;
    if (!gatt) throw new HardwareError(`${who} has no GATT server`);
    try {
      const server = await within(gatt.connect(), timeouts.connect, `connecting to ${who}`);
      const chars = new Map<Endpoint, BluetoothRemoteGATTCharacteristic>();
      for (const [serviceUuid, endpoints] of Object.entries(spec.services)) {
        // A service the toy lacks is normal: specifiers list every variant's services.
        const service = await server.getPrimaryService(canonicalUuid(serviceUuid)).catch(() => undefined);
        if (!service) continue;
        for (const [endpoint, charUuid] of Object.entries(endpoints)) {
          if (chars.has(endpoint)) continue;
          const c = await service.getCharacteristic(canonicalUuid(charUuid)).catch(() => undefined);
          if (c) chars.set(endpoint, c);
        }
      }
      if (chars.size === 0)
        throw new HardwareError(
          `${who} exposes none of the expected services/characteristics (${Object.keys(spec.services).join(', ')})`,
        );
      return new WebBluetoothHardware(device, chars, timeouts);
    } catch (err) {
      gatt.disconnect();
      throw err instanceof HardwareError ? err : new HardwareError(`connecting to ${who}: ${reasonOf(err)}`);
    }
  }

  private char(endpoint: Endpoint): BluetoothRemoteGATTCharacteristic {
    this.check(endpoint);
    return this.chars.get(endpoint)!;
  }

  async write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void> {
    const c = this.char(endpoint);
    // A copy: the browser may hold on to the buffer after the call returns.
    const bytes = Uint8Array.from(data);
    // The browser refuses a write type the characteristic lacks, where noble would just send it:
    // use the one it has (as the reference server's radios do).
    const p = c.properties;
    if (p && withResponse && !p.write && p.writeWithoutResponse) withResponse = false;
    else if (p && !withResponse && !p.writeWithoutResponse && p.write) withResponse = true;
    const op = withResponse
      ? (c.writeValueWithResponse ?? c.writeValue)?.call(c, bytes)
      : (c.writeValueWithoutResponse ?? c.writeValue)?.call(c, bytes);
    if (!op) throw new HardwareError(`${this.label}: this browser cannot write characteristics`);
    await this.guard(`writing ${endpoint}`, op, this.timeouts.write);
  }

  async read(endpoint: Endpoint, _length: number, timeoutMs: number): Promise<Uint8Array> {
    const c = this.char(endpoint);
    const view = await this.guard(`reading ${endpoint}`, c.readValue(), timeoutMs);
    return bytesOf(view);
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    const c = this.char(endpoint);
    if (!this.listeners.has(endpoint)) {
      const listener = () => {
        if (c.value) this.deliver(endpoint, bytesOf(c.value));
      };
      c.addEventListener('characteristicvaluechanged', listener);
      this.listeners.set(endpoint, listener);
    }
    await this.guard(`subscribing to ${endpoint}`, c.startNotifications(), this.timeouts.write);
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    const c = this.char(endpoint);
    this.subscribed.delete(endpoint);
    await this.guard(`unsubscribing from ${endpoint}`, c.stopNotifications(), this.timeouts.write);
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    try {
      this.device.gatt?.disconnect();
    } finally {
      this.markGone();
    }
  }

  protected override markGone(): void {
    if (this.closed) return;
    this.device.removeEventListener('gattserverdisconnected', this.onDisconnected);
    for (const [endpoint, l] of this.listeners)
      this.chars.get(endpoint)?.removeEventListener('characteristicvaluechanged', l);
    this.listeners.clear();
    super.markGone();
  }
}

/** The bytes a DataView covers (copied: the browser reuses the buffer for the next value). */
const bytesOf = (view: DataView): Uint8Array =>
  new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
