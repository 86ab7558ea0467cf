/**
 * What a protocol knows about the device it drives: the model definition from the device database
 * and the features after user settings. Defined here, below the device layer, so protocols never
 * import from devices/; devices/config builds these and re-exports them.
 */
import type { InputCommandType, InputType, OutputType, Range } from '../../sdk/protocol/index.js';

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

/** An output after user settings are applied. */
export interface ResolvedOutput {
  type: OutputType;
  /** The configured range in device units. */
  base: Range;
  /** User-limited range within [0, base max], if any. */
  user?: Range;
  reverse: boolean;
  disabled: boolean;
  duration?: Range;
}

/** A feature after user settings are applied. */
export interface ResolvedFeature {
  index: number;
  id: string;
  description: string;
  outputs: ResolvedOutput[];
  inputs: Partial<Record<string, InputConfig>>;
}

/** Everything the server needs to build a device once the protocol knows which model it is. */
export interface ResolvedDevice {
  protocol: string;
  identifier: string;
  address: string;
  definition: DeviceDefinition;
  name: string;
  displayName?: string;
  messageGapMs?: number;
  protocolVariant?: string;
  features: ResolvedFeature[];
  /** Index stored in the user config, if any. */
  userIndex?: number;
  /** The user config allows Raw* messages for this device (`allow_raw`). */
  allowRaw?: boolean;
}
