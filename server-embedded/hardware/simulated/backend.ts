import type { BackendSink, HardwareBackend } from '../types.js';
import { SimulatedDevice, type SimulatedDeviceSpec } from './simulated-device.js';

/**
 * Virtual toys for demos, tests and games without hardware. A scan announces every simulated
 * device that is not connected, then finishes on its own (so clients see ScanningFinished).
 */
export class SimulatedBackend implements HardwareBackend {
  readonly name = 'simulated';
  readonly devices: SimulatedDevice[] = [];
  private sink: BackendSink | undefined;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(specs: (SimulatedDeviceSpec | string)[] = []) {
    for (const s of specs) this.add(s);
  }

  /** Adds a simulated toy; it is found on the next scan (or at once with `announce`). */
  add(spec: SimulatedDeviceSpec | string): SimulatedDevice {
    const device = new SimulatedDevice(typeof spec === 'string' ? { name: spec } : spec);
    if (this.devices.some((d) => d.address === device.address))
      throw new Error(
        `a simulated device with address ${device.address} already exists; give each an address`,
      );
    this.devices.push(device);
    // Show what the toy receives, so a demo without hardware still shows real bytes.
    device.command$.subscribe((c) =>
      this.sink?.log(
        'debug',
        `"${device.name}" ${c.kind} ${c.endpoint}${c.kind === 'write' ? ` [${c.data.map((b) => b.toString(16).padStart(2, '0')).join(' ')}]` : ''}`,
      ),
    );
    return device;
  }

  /** Reports a device as found right away, without a scan. */
  announce(device: SimulatedDevice): void {
    this.sink?.deviceFound(device.candidate());
  }

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
  }

  async startScanning(): Promise<void> {
    for (const d of this.devices) if (!d.connected) this.sink?.deviceFound(d.candidate());
    // Finish shortly after, like a short BLE scan window, so the announcements land first.
    this.scanTimer = setTimeout(() => this.sink?.scanFinished(), 20);
  }

  async stopScanning(): Promise<void> {
    if (this.scanTimer) clearTimeout(this.scanTimer);
  }

  async close(): Promise<void> {
    if (this.scanTimer) clearTimeout(this.scanTimer);
    for (const d of this.devices) d.drop();
  }
}

export { SimulatedDevice, type SimulatedDeviceSpec, type RecordedCommand } from './simulated-device.js';
