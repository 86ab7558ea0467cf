/**
 * The one interface every hardware backend implements (noble-style: swap the backend, keep the
 * rest). Backends know buses and bytes, never toy protocols.
 */
import type { Observable } from 'rxjs';
import type { CommunicationSpecifier } from './specifiers.js';

/** Endpoint names, as in the device config (`tx`, `rx`, `rxblebattery`, `generic0`, …). */
export type Endpoint = string;

/** Bytes that arrived from the device on an endpoint the protocol subscribed to. */
export interface Notification {
  endpoint: Endpoint;
  data: Uint8Array;
}

/**
 * Pacing BLE toys need when their config names no gap: writes closer together get dropped, so
 * commands are batched per window (the reference server's value).
 */
export const BLE_MESSAGE_GAP_MS = 75;

/** A connected device's bus-level handle. */
export interface Hardware {
  readonly name: string;
  readonly address: string;
  readonly endpoints: readonly Endpoint[];
  /** Minimum ms between writes this bus needs when the device config names none (BLE: {@link BLE_MESSAGE_GAP_MS}). */
  readonly messageGapMs?: number | undefined;
  /** True once the link is gone for good (backends that track it); a failed write then drops the device. */
  readonly closed?: boolean | undefined;
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
  /** The backend's scan broke off (radio gone, listing failed); counts as finished for it alone. */
  scanFailed(error: Error): void;
  /**
   * Communication specifiers of one bus from the device database (user config first), so a
   * backend can try what the config names (e.g. serial ports that no port listing shows).
   */
  specifiers<B extends CommunicationSpecifier['bus']>(bus: B): Extract<CommunicationSpecifier, { bus: B }>[];
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Whether lines of `level` are kept; a backend skips formatting a line nobody reads. */
  logs?(level: 'debug' | 'info' | 'warn' | 'error'): boolean;
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
