/**
 * Spec v4 Buttplug messages. On the wire a message is `{"Name": {fields}}`; in plugkit it is the
 * same fields plus a `type` tag, which makes the union easy to switch on.
 */

import type { OutputPayload, OutputType } from './output-types.js';

/** The highest spec version plugkit speaks. */
export const SPEC_VERSION = 4;
/** Id used by server-originated events. */
export const SYSTEM_ID = 0;
/** Largest valid message Id (unsigned 32-bit). */
export const MAX_ID = 4294967295;

// Output kinds live in one table (output-types.ts); everything else is derived from it.
export { OUTPUT_TYPES, type OutputType } from './output-types.js';

/** Input (sensor) kinds a feature can have. */
export const INPUT_TYPES = ['Battery', 'Rssi', 'Button', 'Pressure', 'Depth', 'Position'] as const;
/** An input kind, e.g. `Battery`. */
export type InputType = (typeof INPUT_TYPES)[number];

/** What an InputCmd asks for. */
export const INPUT_COMMANDS = ['Read', 'Subscribe', 'Unsubscribe'] as const;
/** One of `Read`, `Subscribe`, `Unsubscribe`. */
export type InputCommandType = (typeof INPUT_COMMANDS)[number];

/** A closed integer range `[min, max]`. */
export type Range = [number, number];

/** How one output of a feature is advertised. */
export interface OutputDescriptor {
  /** Valid step values, `[0, N]` or `[-N, N]`. */
  Value: Range;
  /** Valid durations in ms (HwPositionWithDuration only). */
  Duration?: Range;
}

/** How one input of a feature is advertised. */
export interface InputDescriptor {
  /** One range per axis. */
  Value: Range[];
  /** Which InputCmd commands the input supports. */
  Command: InputCommandType[];
}

/** A feature as listed in DeviceList. */
export interface DeviceFeatureInfo {
  FeatureIndex: number;
  FeatureDescription: string;
  Output?: Partial<Record<OutputType, OutputDescriptor>>;
  Input?: Partial<Record<InputType, InputDescriptor>>;
}

/** A device as listed in DeviceList. */
export interface DeviceInfo {
  DeviceIndex: number;
  DeviceName: string;
  DeviceDisplayName?: string;
  DeviceMessageTimingGap: number;
  DeviceFeatures: Record<string, DeviceFeatureInfo>;
}

/** The payload of an OutputCmd: exactly one output type. */
export type OutputCommand = {
  [K in OutputType]: { [P in K]: OutputPayload<K> };
}[OutputType];

// Client → server

export interface RequestServerInfo {
  type: 'RequestServerInfo';
  Id: number;
  ClientName: string;
  ProtocolVersionMajor?: number;
  ProtocolVersionMinor?: number;
  /** v1–v3 clients send this instead of ProtocolVersionMajor. */
  MessageVersion?: number;
}
export interface Ping {
  type: 'Ping';
  Id: number;
}
export interface StartScanning {
  type: 'StartScanning';
  Id: number;
}
export interface StopScanning {
  type: 'StopScanning';
  Id: number;
}
export interface RequestDeviceList {
  type: 'RequestDeviceList';
  Id: number;
}
export interface OutputCmd {
  type: 'OutputCmd';
  Id: number;
  DeviceIndex: number;
  FeatureIndex: number;
  Command: OutputCommand;
}
export interface InputCmd {
  type: 'InputCmd';
  Id: number;
  DeviceIndex: number;
  FeatureIndex: number;
  Type: InputType;
  Command: InputCommandType;
}
export interface StopCmd {
  type: 'StopCmd';
  Id: number;
  DeviceIndex?: number;
  FeatureIndex?: number;
  Inputs?: boolean;
  Outputs?: boolean;
}

/** Every message a v4 client may send. */
export type ClientMessage =
  | RequestServerInfo
  | Ping
  | StartScanning
  | StopScanning
  | RequestDeviceList
  | OutputCmd
  | InputCmd
  | StopCmd;

// Server → client

export interface Ok {
  type: 'Ok';
  Id: number;
}
export interface ErrorMessage {
  type: 'Error';
  Id: number;
  ErrorCode: number;
  ErrorMessage: string;
}
export interface ServerInfo {
  type: 'ServerInfo';
  Id: number;
  ProtocolVersionMajor: number;
  ProtocolVersionMinor: number;
  MaxPingTime: number;
  ServerName: string;
}
export interface DeviceList {
  type: 'DeviceList';
  Id: number;
  Devices: Record<string, DeviceInfo>;
}
export interface ScanningFinished {
  type: 'ScanningFinished';
  Id: number;
}
/** A sensor value; one key naming the input type. */
export type InputReadingValue = Partial<Record<InputType, { Value: number }>>;
export interface InputReading {
  type: 'InputReading';
  Id: number;
  DeviceIndex: number;
  FeatureIndex: number;
  Reading: InputReadingValue;
}

/** Every message a v4 server may send. */
export type ServerMessage = Ok | ErrorMessage | ServerInfo | DeviceList | ScanningFinished | InputReading;

/** Any message, of any spec version, in plugkit's tagged form. */
export interface AnyMessage {
  type: string;
  Id: number;
  [field: string]: unknown;
}
