/**
 * A noble bindings object (the layer noble's hci-socket/mac/win bindings implement) that emulates
 * a radio with BLE peripherals in range: advertisements, a GATT table, writes, reads,
 * notifications and drop-outs. The real noble module runs on top of it, so everything above
 * the radio is exercised for real. UUIDs are in noble's form (lowercase, no dashes).
 */
import { EventEmitter } from 'node:events';

const nobleUuid = (u: string) => u.toLowerCase().replace(/-/g, '');

export interface EmulatedCharacteristic {
  uuid: string;
  properties: string[];
  /** Value returned by reads. */
  value?: number[];
}

export interface EmulatedPeripheralSpec {
  id: string;
  localName: string;
  serviceUuids?: string[];
  manufacturerData?: number[];
  /** service uuid → characteristics */
  gatt: Record<string, EmulatedCharacteristic[]>;
}

export interface ReceivedWrite {
  service: string;
  characteristic: string;
  data: number[];
  withoutResponse: boolean;
}

export class EmulatedPeripheral {
  readonly writes: ReceivedWrite[] = [];
  readonly subscriptions = new Set<string>();
  inRange = true;
  connected = false;
  /** When set, writes are received but never acknowledged (a toy stuck mid-command). */
  holdWrites = false;
  constructor(
    readonly spec: EmulatedPeripheralSpec,
    private readonly radio: EmulatedRadio,
  ) {}

  /** Sends a notification from a characteristic (only if the central subscribed). */
  notify(service: string, characteristic: string, data: number[]): boolean {
    const key = `${nobleUuid(service)}/${nobleUuid(characteristic)}`;
    if (!this.connected || !this.subscriptions.has(key)) return false;
    this.radio.emit(
      'read',
      this.spec.id,
      nobleUuid(service),
      nobleUuid(characteristic),
      Buffer.from(data),
      true,
    );
    return true;
  }

  /** The toy goes out of range: the link drops. */
  dropOut(): void {
    this.inRange = false;
    if (this.connected) {
      this.connected = false;
      this.subscriptions.clear();
      this.radio.emit('disconnect', this.spec.id, 0x08 /* supervision timeout */);
    }
  }

  /** The toy is back in range and advertises again. */
  comeBack(): void {
    this.inRange = true;
    this.radio.advertise(this);
  }
}

/** The emulated radio: hand it to `require('@abandonware/noble/with-bindings')`. */
export class EmulatedRadio extends EventEmitter {
  readonly peripherals = new Map<string, EmulatedPeripheral>();
  scanning = false;
  readonly log: string[] = [];

  add(spec: EmulatedPeripheralSpec): EmulatedPeripheral {
    const p = new EmulatedPeripheral(spec, this);
    this.peripherals.set(spec.id, p);
    if (this.scanning) this.advertise(p);
    return p;
  }

  advertise(p: EmulatedPeripheral): void {
    if (!this.scanning || !p.inRange) return;
    const md = p.spec.manufacturerData ? Buffer.from(p.spec.manufacturerData) : undefined;
    const advertisement = {
      localName: p.spec.localName,
      txPowerLevel: undefined,
      manufacturerData: md,
      serviceData: [],
      serviceUuids: (p.spec.serviceUuids ?? []).map(nobleUuid),
      solicitationServiceUuids: [],
      serviceSolicitationUuids: [],
    };
    setImmediate(() => this.emit('discover', p.spec.id, p.spec.id, 'random', true, advertisement, -50, true));
  }

  private peripheral(id: string): EmulatedPeripheral {
    const p = this.peripherals.get(id);
    if (!p) throw new Error(`emulated radio: unknown peripheral ${id}`);
    return p;
  }

  private gattService(p: EmulatedPeripheral, service: string): EmulatedCharacteristic[] {
    const entry = Object.entries(p.spec.gatt).find(([u]) => nobleUuid(u) === service);
    return entry ? entry[1] : [];
  }

  // ---- the bindings interface noble calls ----
  init(): void {
    setImmediate(() => this.emit('stateChange', 'poweredOn'));
  }
  startScanning(): void {
    this.log.push('startScanning');
    this.scanning = true;
    setImmediate(() => {
      this.emit('scanStart', false);
      for (const p of this.peripherals.values()) if (!p.connected) this.advertise(p);
    });
  }
  stopScanning(): void {
    this.log.push('stopScanning');
    this.scanning = false;
    setImmediate(() => this.emit('scanStop'));
  }
  connect(id: string): void {
    const p = this.peripheral(id);
    setImmediate(() => {
      if (!p.inRange)
        return this.emit('connect', id, new Error('connection failed: peripheral out of range'));
      p.connected = true;
      this.emit('connect', id, null);
    });
  }
  cancelConnect(): void {}
  disconnect(id: string): void {
    const p = this.peripheral(id);
    setImmediate(() => {
      p.connected = false;
      p.subscriptions.clear();
      this.emit('disconnect', id, 0x16 /* local host terminated */);
    });
  }
  updateRssi(id: string): void {
    setImmediate(() => this.emit('rssiUpdate', id, -50));
  }
  discoverServices(id: string): void {
    const p = this.peripheral(id);
    setImmediate(() => this.emit('servicesDiscover', id, Object.keys(p.spec.gatt).map(nobleUuid)));
  }
  discoverIncludedServices(id: string, service: string): void {
    setImmediate(() => this.emit('includedServicesDiscover', id, service, []));
  }
  discoverCharacteristics(id: string, service: string): void {
    const p = this.peripheral(id);
    const chars = this.gattService(p, service).map((c) => ({
      uuid: nobleUuid(c.uuid),
      properties: c.properties,
    }));
    setImmediate(() => this.emit('characteristicsDiscover', id, service, chars));
  }
  read(id: string, service: string, characteristic: string): void {
    const p = this.peripheral(id);
    const c = this.gattService(p, service).find((x) => nobleUuid(x.uuid) === characteristic);
    setImmediate(
      () => p.connected && this.emit('read', id, service, characteristic, Buffer.from(c?.value ?? []), false),
    );
  }
  write(id: string, service: string, characteristic: string, data: Buffer, withoutResponse: boolean): void {
    const p = this.peripheral(id);
    if (!p.connected) return;
    p.writes.push({ service, characteristic, data: [...data], withoutResponse });
    if (p.holdWrites) return;
    setImmediate(() => this.emit('write', id, service, characteristic));
  }
  notify(id: string, service: string, characteristic: string, enable: boolean): void {
    const p = this.peripheral(id);
    const key = `${service}/${characteristic}`;
    if (enable) p.subscriptions.add(key);
    else p.subscriptions.delete(key);
    setImmediate(() => this.emit('notify', id, service, characteristic, enable));
  }
  discoverDescriptors(id: string, service: string, characteristic: string): void {
    setImmediate(() => this.emit('descriptorsDiscover', id, service, characteristic, []));
  }
  reset(): void {}
}
