/**
 * The slice of the Web Bluetooth API (https://webbluetoothcg.github.io/web-bluetooth/) plugkit
 * uses. TypeScript's DOM library does not declare it, and a test can hand in a stand-in with
 * exactly this shape.
 */

/** One entry of `requestDevice`'s `filters`: every field given must match. */
export interface BluetoothLEScanFilter {
  name?: string;
  namePrefix?: string;
  services?: string[];
  manufacturerData?: { companyIdentifier: number }[];
}

export interface RequestDeviceOptions {
  filters?: BluetoothLEScanFilter[];
  acceptAllDevices?: boolean;
  /** Services the page may use after connecting (beyond those in the filters). */
  optionalServices?: string[];
  optionalManufacturerData?: number[];
}

/** What fires `characteristicvaluechanged` and `gattserverdisconnected`. */
export interface BluetoothEventTarget {
  addEventListener(type: string, listener: (event: unknown) => void): void;
  removeEventListener(type: string, listener: (event: unknown) => void): void;
}

export interface BluetoothRemoteGATTCharacteristic extends BluetoothEventTarget {
  readonly uuid: string;
  /** What the characteristic allows (Chrome always reports it; a stand-in may leave it out). */
  readonly properties?: { write?: boolean; writeWithoutResponse?: boolean };
  /** The last value read or notified. */
  readonly value?: DataView | null;
  readValue(): Promise<DataView>;
  writeValue?(value: BufferSource): Promise<void>;
  writeValueWithResponse?(value: BufferSource): Promise<void>;
  writeValueWithoutResponse?(value: BufferSource): Promise<void>;
  startNotifications(): Promise<BluetoothRemoteGATTCharacteristic>;
  stopNotifications(): Promise<BluetoothRemoteGATTCharacteristic>;
}

export interface BluetoothRemoteGATTService {
  readonly uuid: string;
  getCharacteristic(uuid: string): Promise<BluetoothRemoteGATTCharacteristic>;
}

export interface BluetoothRemoteGATTServer {
  readonly connected: boolean;
  connect(): Promise<BluetoothRemoteGATTServer>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<BluetoothRemoteGATTService>;
  getPrimaryServices(): Promise<BluetoothRemoteGATTService[]>;
}

export interface BluetoothDevice extends BluetoothEventTarget {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: BluetoothRemoteGATTServer | undefined;
}

/** `navigator.bluetooth`. */
export interface Bluetooth {
  requestDevice(options: RequestDeviceOptions): Promise<BluetoothDevice>;
  getAvailability?(): Promise<boolean>;
}
