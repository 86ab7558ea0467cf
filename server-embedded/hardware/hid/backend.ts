import { BaseHardware, HardwareError } from '../base-hardware.js';
import type { BackendSink, DeviceCandidate, Endpoint, HardwareBackend } from '../types.js';

/** One HID device as node-hid lists it. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  product?: string;
  serialNumber?: string;
}

/** An open node-hid device (HIDAsync). */
export interface HidHandle {
  write(data: number[]): Promise<number>;
  read(timeoutMs?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
  on(event: 'data', fn: (data: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

/** The parts of the node-hid module this backend uses. */
export interface NodeHidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidHandle> };
}

/**
 * USB HID through node-hid. A scan lists HID devices once (one candidate per physical device,
 * by vendor/product/serial) and finishes; the database matches vendor and product ids.
 */
export class HidBackend implements HardwareBackend {
  readonly name = 'hid';
  private sink: BackendSink | undefined;
  private readonly open = new Set<string>();
  private finishTimer: ReturnType<typeof setTimeout> | undefined;
  private scanId = 0;

  constructor(private readonly hid: NodeHidModule) {}

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
  }

  async startScanning(): Promise<void> {
    const id = ++this.scanId;
    const list = await this.hid.devicesAsync();
    if (id !== this.scanId) return;
    const seen = new Set<string>();
    for (const d of list) {
      if (!d.path) continue;
      const key = `${d.vendorId}:${d.productId}:${d.serialNumber ?? d.path}`;
      if (seen.has(key) || this.open.has(d.path)) continue;
      seen.add(key);
      this.sink?.deviceFound(this.candidate(d));
    }
    this.finishTimer = setTimeout(() => this.sink?.scanFinished(), 0);
  }

  async stopScanning(): Promise<void> {
    this.scanId++;
    if (this.finishTimer) clearTimeout(this.finishTimer);
  }

  async close(): Promise<void> {
    await this.stopScanning();
  }

  /** The candidate for a listed device (public so callers can open a known path). */
  candidate(d: HidDeviceInfo): DeviceCandidate {
    const path = d.path ?? '';
    return {
      bus: 'hid',
      name: d.product ?? `HID ${hex(d.vendorId)}:${hex(d.productId)}`,
      address: path,
      vendorId: d.vendorId,
      productId: d.productId,
      connect: async (specifier) => {
        if (specifier.bus !== 'hid')
          throw new HardwareError(`a HID device cannot use a ${specifier.bus} specifier`);
        if (this.open.has(path)) throw new HardwareError(`HID device ${path} is already open`);
        let handle: HidHandle;
        try {
          handle = await this.hid.HIDAsync.open(path);
        } catch (err) {
          throw new HardwareError(`cannot open HID device ${path}: ${(err as Error).message}`);
        }
        this.open.add(path);
        const hw = new HidHardware(handle, d.product ?? path, path);
        hw.disconnected$.subscribe({ complete: () => this.open.delete(path) });
        return hw;
      },
    };
  }
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/**
 * An open HID device: `tx` writes output reports (the first byte is the report id, 0 if the
 * device uses none), `rx` reads input reports — as notifications while subscribed.
 */
export class HidHardware extends BaseHardware {
  constructor(
    private readonly handle: HidHandle,
    name: string,
    path: string,
  ) {
    super(name, path, ['tx', 'rx']);
    handle.on('error', () => this.markGone()); // node-hid reports an unplugged device as a read error
  }

  async write(endpoint: Endpoint, data: Uint8Array): Promise<void> {
    this.check(endpoint);
    if (endpoint !== 'tx')
      throw new HardwareError(`HID device ${this.address}: write to "tx", not "${endpoint}"`);
    await this.guard(`writing to HID device ${this.address}`, this.handle.write([...data]), 5000);
  }

  async read(endpoint: Endpoint, _length: number, timeoutMs: number): Promise<Uint8Array> {
    this.check(endpoint);
    if (endpoint !== 'rx')
      throw new HardwareError(`HID device ${this.address}: read from "rx", not "${endpoint}"`);
    const data = await this.guard(
      `reading HID device ${this.address}`,
      this.handle.read(timeoutMs),
      timeoutMs + 1000,
    );
    if (!data || data.length === 0)
      throw new HardwareError(`HID device ${this.address} sent nothing within ${timeoutMs} ms`);
    return Uint8Array.from(data);
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    if (this.subscribed.size === 0)
      this.handle.on('data', (d: Buffer) => this.deliver('rx', Uint8Array.from(d)));
    this.subscribed.add(endpoint);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.delete(endpoint);
    if (this.subscribed.size === 0) this.handle.removeAllListeners('data');
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.handle.removeAllListeners('data');
    await this.handle.close().catch(() => {});
    this.markGone();
  }
}
