import type { InputCommandType, InputType, OutputType, Range } from '../../../sdk/protocol/index.js';

/** One output of a feature as configured: its range in device units. */
export interface OutputConfig {
  range: Range;
  /** Duration range in ms, for HwPositionWithDuration. */
  duration?: Range;
}

/** One input of a feature as configured. */
export interface InputConfig {
  ranges: Range[];
  commands: InputCommandType[];
}

/** A feature of a device definition. */
export interface FeatureConfig {
  index: number;
  id: string;
  description: string;
  outputs: Partial<Record<OutputType, OutputConfig>>;
  inputs: Partial<Record<InputType, InputConfig>>;
}

/** A device model: what it is called and what it can do. */
export interface DeviceDefinition {
  id: string;
  name: string;
  /** Protocol-specific model ids this definition answers to (empty for a protocol's defaults). */
  identifiers: string[];
  protocolVariant?: string;
  messageGapMs?: number;
  features: FeatureConfig[];
}

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

/** A protocol's entry in the device database. */
export interface ProtocolConfig {
  name: string;
  communication: CommunicationSpecifier[];
  defaults?: DeviceDefinition;
  configurations: DeviceDefinition[];
}

/** A user's override of one output. */
export interface UserOutputOverride {
  range?: Range;
  disabled?: boolean;
  reverse?: boolean;
  duration?: Range;
}

/** A user's settings for one physical device. */
export interface UserDeviceEntry {
  protocol: string;
  identifier?: string;
  address: string;
  id: string;
  baseId: string;
  features: {
    id: string;
    baseId: string;
    description?: string;
    outputs: Partial<Record<OutputType, UserOutputOverride>>;
  }[];
  allow: boolean;
  deny: boolean;
  index: number;
  displayName?: string;
  messageGapMs?: number;
  /** plugkit extension (`allow_raw`): lets clients send Raw* messages to this device. */
  allowRaw?: boolean;
}

/** The whole database in plugkit's own form (also the shape of the built-in snapshot). */
export interface DeviceDatabaseData {
  version: { major: number; minor: number };
  protocols: ProtocolConfig[];
}

/** What user config files add. */
export interface UserConfigData {
  protocols: { name: string; communication: CommunicationSpecifier[]; configurations: DeviceDefinition[] }[];
  devices: UserDeviceEntry[];
}
