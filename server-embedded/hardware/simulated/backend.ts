import { realClock, type Timer } from '../../../sdk/clock/index.js';
import type { BackendSink, HardwareBackend } from '../types.js';
import {
  SimulatedDevice,
  type SimulatedDeviceOptions,
  type SimulatedDeviceSpec,
} from './simulated-device.js';

/** What the backend takes: the toys' options, and how a bare name becomes a full spec. */
export interface SimulatedBackendOptions extends SimulatedDeviceOptions {
  /**
   * Turns an `add` entry into a spec (the server checks the name against its device database and
   * fills in the protocol the toy answers for). Default: a string is just the advertised name.
   */
  resolve?: (entry: SimulatedDeviceSpec | string) => SimulatedDeviceSpec;
}

/**
 * Virtual toys for demos, tests and games without hardware. A scan announces every simulated
 * device that is not connected, then finishes on its own (so clients see ScanningFinished).
 */
export class SimulatedBackend implements HardwareBackend {
  readonly name = 'simulated';
  readonly devices: SimulatedDevice[] = [];
  private sink: BackendSink | undefined;
  private scanTimer: Timer | undefined;
  /** Toys whose commands are shown as debug lines already. */
  private readonly shown = new WeakSet<SimulatedDevice>();

  /** @param options the clock (write delays, scan window) and the default command history length. */
  constructor(
    specs: (SimulatedDeviceSpec | string)[] = [],
    private readonly options: SimulatedBackendOptions = {},
  ) {
    for (const s of specs) this.add(s);
  }

  /**
   * Adds a simulated toy; it is found on the next scan (or at once with `announce`). On a server's
   * backend a name is checked as the `simulate` option's are (a typo throws a `PlugkitError`).
   */
  add(entry: SimulatedDeviceSpec | string): SimulatedDevice {
    const spec = this.options.resolve
      ? this.options.resolve(entry)
      : typeof entry === 'string'
        ? { name: entry }
        : entry;
    const device = new SimulatedDevice(spec, this.options);
    if (this.devices.some((d) => d.address === device.address))
      throw new Error(
        `a simulated device with address ${device.address} already exists; give each an address`,
      );
    this.devices.push(device);
    if (this.sink) this.showCommands(device, this.sink);
    return device;
  }

  /**
   * Shows what the toy receives as debug lines, so a demo without hardware still shows real
   * bytes. Only when debug lines are kept: a subscription per toy costs every command an Rx
   * delivery, and formatting hex for nobody was a measurable share of a command's cost.
   */
  private showCommands(device: SimulatedDevice, sink: BackendSink): void {
    if (sink.logs?.('debug') === false || this.shown.has(device)) return;
    this.shown.add(device);
    device.command$.subscribe((c) =>
      sink.log(
        'debug',
        `"${device.name}" ${c.kind} ${c.endpoint}${c.kind === 'write' ? ` [${c.data.map((b) => b.toString(16).padStart(2, '0')).join(' ')}]` : ''}`,
      ),
    );
  }

  /** Takes a simulated toy away: its link drops and later scans no longer find it. */
  remove(device: SimulatedDevice): void {
    const i = this.devices.indexOf(device);
    if (i >= 0) this.devices.splice(i, 1);
    device.drop();
  }

  /** Reports a device as found right away, without a scan. */
  announce(device: SimulatedDevice): void {
    this.sink?.deviceFound(device.candidate());
  }

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
    for (const d of this.devices) this.showCommands(d, sink);
  }

  async startScanning(): Promise<void> {
    for (const d of this.devices) if (!d.connected) this.sink?.deviceFound(d.candidate());
    // Finish shortly after, like a short BLE scan window, so the announcements land first.
    this.scanTimer?.cancel();
    this.scanTimer = (this.options.clock ?? realClock).schedule(20, () => this.sink?.scanFinished());
  }

  async stopScanning(): Promise<void> {
    this.scanTimer?.cancel();
  }

  async close(): Promise<void> {
    this.scanTimer?.cancel();
    for (const d of this.devices) d.drop();
  }
}

export {
  SimulatedDevice,
  DEFAULT_MAX_RECORDED_COMMANDS,
  type SimulatedDeviceSpec,
  type SimulatedDeviceOptions,
  type RecordedCommand,
} from './simulated-device.js';
export { DEFAULT_SIMULATED_BATTERY, type SimulatedInputs } from './answers.js';
