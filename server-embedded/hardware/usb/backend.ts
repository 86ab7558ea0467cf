import { BaseHardware, HardwareError } from '../base-hardware.js';
import type { BackendSink, DeviceCandidate, Endpoint, HardwareBackend } from '../types.js';

/** A USB device as the `usb` (libusb) package lists it. */
export interface UsbDevice {
  busNumber: number;
  deviceAddress: number;
  deviceDescriptor: { idVendor: number; idProduct: number };
  open(): void;
  close(): void;
  controlTransfer(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    data: Buffer,
    callback: (error: Error | undefined) => void,
  ): unknown;
}

/** The parts of the `usb` package this backend uses. */
export interface UsbModule {
  getDeviceList(): UsbDevice[];
}

/** Size of a control request header as protocols write it to the `control` endpoint. */
const SETUP_BYTES = 6;

/**
 * Raw USB (not HID) toys through libusb. A scan lists USB devices once and finishes; the
 * database matches `usb` vendor/product pairs. The one endpoint, `control`, takes vendor control
 * requests: bytes `bmRequestType bRequest wValue(le16) wIndex(le16)` then any payload.
 */
export class UsbBackend implements HardwareBackend {
  readonly name = 'usb';
  private sink: BackendSink | undefined;
  private readonly open = new Set<string>();
  private finishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly usb: UsbModule) {}

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
  }

  async startScanning(): Promise<void> {
    for (const d of this.usb.getDeviceList()) {
      const address = addressOf(d);
      if (!this.open.has(address)) this.sink?.deviceFound(this.candidate(d));
    }
    this.finishTimer = setTimeout(() => this.sink?.scanFinished(), 0);
  }

  async stopScanning(): Promise<void> {
    if (this.finishTimer) clearTimeout(this.finishTimer);
  }

  async close(): Promise<void> {
    await this.stopScanning();
  }

  private candidate(d: UsbDevice): DeviceCandidate {
    const { idVendor, idProduct } = d.deviceDescriptor;
    const address = addressOf(d);
    return {
      bus: 'usb',
      name: `USB ${hex(idVendor)}:${hex(idProduct)}`,
      address,
      vendorId: idVendor,
      productId: idProduct,
      connect: async (specifier) => {
        if (specifier.bus !== 'usb')
          throw new HardwareError(`a USB device cannot use a ${specifier.bus} specifier`);
        if (this.open.has(address)) throw new HardwareError(`USB device ${address} is already open`);
        try {
          d.open();
        } catch (err) {
          throw new HardwareError(`cannot open USB device ${address}: ${(err as Error).message}`);
        }
        this.open.add(address);
        const hw = new UsbHardware(d, `USB ${hex(idVendor)}:${hex(idProduct)}`, address);
        hw.disconnected$.subscribe({ complete: () => this.open.delete(address) });
        return hw;
      },
    };
  }
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
const addressOf = (d: UsbDevice) => `usb:${d.busNumber}-${d.deviceAddress}`;

/** An open raw USB device; see {@link UsbBackend} for the `control` endpoint's format. */
export class UsbHardware extends BaseHardware {
  constructor(
    private readonly device: UsbDevice,
    name: string,
    address: string,
  ) {
    super(name, address, ['control']);
  }

  async write(endpoint: Endpoint, data: Uint8Array): Promise<void> {
    this.check(endpoint);
    if (data.length < SETUP_BYTES)
      throw new HardwareError(`USB control request needs ${SETUP_BYTES} header bytes, got ${data.length}`);
    const [type, request, vLo, vHi, iLo, iHi] = data as unknown as number[];
    if ((type! & 0x80) !== 0)
      throw new HardwareError('only host-to-device (OUT) control requests can be written');
    const payload = Buffer.from(data.subarray(SETUP_BYTES));
    const transfer = new Promise<void>((resolve, reject) => {
      this.device.controlTransfer(type!, request!, vLo! | (vHi! << 8), iLo! | (iHi! << 8), payload, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    await this.guard(`control transfer to ${this.address}`, transfer, 5000);
  }

  async read(endpoint: Endpoint): Promise<Uint8Array> {
    this.check(endpoint);
    throw new HardwareError(`USB device ${this.address}: reads are not supported`);
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    throw new HardwareError(`USB device ${this.address}: notifications are not supported`);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    try {
      this.device.close();
    } catch {
      // already gone; closing is best effort
    }
    this.markGone();
  }
}
