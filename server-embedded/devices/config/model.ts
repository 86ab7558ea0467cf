import type { OutputType, Range } from '../../../sdk/protocol/index.js';
import type { CommunicationSpecifier } from '../../hardware/specifiers.js';
import type { DeviceDefinition } from '../../protocols/definition.js';

// The layers below own these shapes (hardware: how a device is found; protocols: what a model
// can do); the config model re-exports them so config code keeps one import site.
export type {
  BtleSpecifier,
  CommunicationSpecifier,
  SerialSpecifier,
  UsbIdsSpecifier,
} from '../../hardware/specifiers.js';
export type {
  DeviceDefinition,
  FeatureConfig,
  InputConfig,
  OutputConfig,
} from '../../protocols/definition.js';

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
