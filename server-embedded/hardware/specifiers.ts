/**
 * How a device is found and reached on each bus: the communication specifiers of the device
 * database. They live with the hardware layer because backends match and connect by them; the
 * device config re-exports them.
 */

/** Bluetooth LE match rule and GATT layout. */
export interface BtleSpecifier {
  names: string[];
  manufacturerData?: { company: number; data?: number[] }[];
  advertisedServices?: string[];
  /** service uuid → endpoint name → characteristic uuid */
  services: Record<string, Record<string, string>>;
}
export interface SerialSpecifier {
  port: string;
  baudRate: number;
  dataBits: number;
  stopBits: number;
  parity: string;
}
export interface UsbIdsSpecifier {
  pairs: { vendorId: number; productId: number }[];
}

/** How a protocol's devices are found, one bus each. */
export type CommunicationSpecifier =
  | { bus: 'btle'; btle: BtleSpecifier }
  | { bus: 'serial'; serial: SerialSpecifier }
  | { bus: 'hid'; hid: UsbIdsSpecifier }
  | { bus: 'usb'; usb: UsbIdsSpecifier }
  | { bus: 'websocket'; websocket: { name: string } }
  | { bus: 'xinput' }
  | { bus: 'lovense_connect_service' };
