/**
 * The one interface every hardware backend implements (noble-style: swap the backend, keep the
 * rest). Backends know buses and bytes, never toy protocols.
 */
import type { Observable } from 'rxjs';
import type { CommunicationSpecifier } from '../devices/config/model.js';

/** Endpoint names, as in the device config (`tx`, `rx`, `rxblebattery`, `generic0`, …). */
export type Endpoint = string;

/** Bytes that arrived from the device on an endpoint the protocol subscribed to. */
export interface Notification {
  endpoint: Endpoint;
  data: Uint8Array;
}

/** A connected device's bus-level handle. */
export interface Hardware {
  readonly name: string;
  readonly address: string;
  readonly endpoints: readonly Endpoint[];
  /** BLE manufacturer data seen in the advertisement (some toys announce their model there). */
  readonly manufacturerData?: readonly { company: number; data: number[] }[];
  /**
   * Pacing gap (ms) this link needs between writes when the device config names none. Left
   * undefined, the bus default applies (75 ms for BLE, none otherwise).
   */
  readonly messageGapMs?: number;
  write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void>;
  read(endpoint: Endpoint, length: number, timeoutMs: number): Promise<Uint8Array>;
  subscribe(endpoint: Endpoint): Promise<void>;
  unsubscribe(endpoint: Endpoint): Promise<void>;
  /** Notifications from subscribed endpoints. */
  readonly notification$: Observable<Notification>;
  /** Emits once when the device goes away (it will not come back on this handle). */
  readonly disconnected$: Observable<void>;
  disconnect(): Promise<void>;
}

/** Something a backend found that might be a toy. */
export interface DeviceCandidate {
  bus: 'btle' | 'serial' | 'hid' | 'usb' | 'websocket';
  /** Advertised name (BLE), port path (serial), product string (HID) or websocket identifier. */
  name: string;
  /** Stable address: BLE id, serial port, HID path, websocket address. */
  address: string;
  advertisedServices?: string[];
  manufacturerData?: { company: number; data: number[] }[];
  port?: string;
  vendorId?: number;
  productId?: number;
  /** Opens the device using the matched specifier (which names its endpoints). */
  connect(specifier: CommunicationSpecifier): Promise<Hardware>;
}

/** What a backend reports back to the device manager. */
export interface BackendSink {
  deviceFound(candidate: DeviceCandidate): void;
  /** The backend's scan ended on its own. */
  scanFinished(): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

/** A hardware backend: one bus (BLE, serial, HID, websocket devices, simulated). */
export interface HardwareBackend {
  readonly name: string;
  /** Called once before first use; throws with a readable reason if the backend cannot run here. */
  start(sink: BackendSink): Promise<void>;
  startScanning(): Promise<void>;
  stopScanning(): Promise<void>;
  close(): Promise<void>;
}
