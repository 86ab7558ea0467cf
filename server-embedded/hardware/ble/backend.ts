import type { BackendSink, DeviceCandidate, HardwareBackend } from '../types.js';
import { HardwareError } from '../base-hardware.js';
import { BleHardware, DEFAULT_BLE_TIMEOUTS, withTimeout, type BleTimeouts } from './hardware.js';
import type { Noble, NoblePeripheral } from './noble-types.js';
import { canonicalUuid } from './uuid.js';

export interface BleBackendOptions {
  /** A noble instance: the system one, or one built on custom bindings (`@abandonware/noble/with-bindings`). */
  noble: Noble;
  /** How long to wait for the adapter to report `poweredOn` when a scan starts (default 5 s). */
  poweredOnTimeoutMs?: number;
  timeouts?: Partial<BleTimeouts>;
}

/** Manufacturer data as the config describes it: a little-endian company id, then the payload. */
const manufacturerData = (raw: Buffer | undefined): DeviceCandidate['manufacturerData'] =>
  raw && raw.length >= 2 ? [{ company: raw.readUInt16LE(0), data: [...raw.subarray(2)] }] : undefined;

/**
 * Bluetooth LE through noble. A scan runs until stopped (as Intiface's does) and announces each
 * advertising peripheral once per scan — again after it dropped out, so a returning toy is
 * reconnected (and keeps its index). Matching is the device database's job.
 */
export class BleBackend implements HardwareBackend {
  readonly name = 'bluetooth-le';
  private sink: BackendSink | undefined;
  private readonly noble: Noble;
  private readonly timeouts: BleTimeouts;
  private readonly announced = new Set<string>();
  private readonly inUse = new Set<string>();
  private scanning = false;
  private stopping = false;

  constructor(private readonly opts: BleBackendOptions) {
    this.noble = opts.noble;
    this.timeouts = { ...DEFAULT_BLE_TIMEOUTS, ...opts.timeouts };
  }

  private readonly onDiscover = (p: NoblePeripheral) => {
    if (!this.scanning || this.announced.has(p.id) || this.inUse.has(p.id)) return;
    this.announced.add(p.id);
    this.sink?.deviceFound(this.candidate(p));
  };

  private readonly onScanStop = () => {
    if (!this.scanning) return;
    this.scanning = false;
    // A stop we did not ask for: the adapter went away or was reset.
    if (!this.stopping) this.sink?.scanFailed(new HardwareError('the Bluetooth adapter stopped the scan'));
  };

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
    this.noble.on('discover', this.onDiscover);
    this.noble.on('scanStop', this.onScanStop);
  }

  private async poweredOn(): Promise<void> {
    if (this.noble.state === 'poweredOn') return;
    const ms = this.opts.poweredOnTimeoutMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.noble.removeListener('stateChange', onState);
        reject(
          new HardwareError(
            `the Bluetooth adapter is "${this.noble.state}", not powered on (waited ${ms} ms)`,
          ),
        );
      }, ms);
      const onState = (state: string) => {
        if (state !== 'poweredOn') return;
        clearTimeout(timer);
        this.noble.removeListener('stateChange', onState);
        resolve();
      };
      this.noble.on('stateChange', onState);
    });
  }

  async startScanning(): Promise<void> {
    await this.poweredOn();
    this.announced.clear();
    this.stopping = false;
    this.scanning = true;
    try {
      // Duplicates on: a toy that dropped out and advertises again must be seen again.
      await withTimeout(
        this.noble.startScanningAsync([], true),
        this.timeouts.connect,
        'starting the BLE scan',
      );
    } catch (err) {
      this.scanning = false;
      throw err;
    }
  }

  async stopScanning(): Promise<void> {
    if (!this.scanning) return;
    this.stopping = true;
    this.scanning = false;
    await withTimeout(
      this.noble.stopScanningAsync(),
      this.timeouts.disconnect,
      'stopping the BLE scan',
    ).catch((err) => this.sink?.log('warn', (err as Error).message));
  }

  async close(): Promise<void> {
    await this.stopScanning();
    this.noble.removeListener('discover', this.onDiscover);
    this.noble.removeListener('scanStop', this.onScanStop);
  }

  private candidate(p: NoblePeripheral): DeviceCandidate {
    const adv = p.advertisement;
    const md = manufacturerData(adv.manufacturerData);
    return {
      bus: 'btle',
      name: adv.localName ?? '',
      address: p.id,
      advertisedServices: (adv.serviceUuids ?? []).map(canonicalUuid),
      ...(md ? { manufacturerData: md } : {}),
      connect: async (specifier) => {
        if (specifier.bus !== 'btle')
          throw new HardwareError(`a BLE peripheral cannot use a ${specifier.bus} specifier`);
        if (this.inUse.has(p.id)) throw new HardwareError(`peripheral ${p.id} is already connected`);
        this.inUse.add(p.id);
        try {
          const hw = await BleHardware.open(p, specifier.btle, this.timeouts);
          hw.disconnected$.subscribe({
            complete: () => {
              this.inUse.delete(p.id);
              this.announced.delete(p.id); // announce it again when it comes back
            },
          });
          return hw;
        } catch (err) {
          this.inUse.delete(p.id);
          this.announced.delete(p.id);
          throw err;
        }
      },
    };
  }
}
