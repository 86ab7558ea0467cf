import type { InputCommandType, InputType, OutputType, Range } from '../protocol/index.js';

/**
 * A device as the client models it, whatever spec version the server speaks. Codecs build it from
 * the server's device list and turn commands on it back into that version's messages.
 */
export interface DeviceDescription {
  index: number;
  name: string;
  displayName?: string;
  /** Minimum gap between commands the server asks for, in ms. */
  messageTimingGap: number;
  features: FeatureDescription[];
}

/** One feature (motor, sensor, …) of a device. */
export interface FeatureDescription {
  index: number;
  description: string;
  outputs: OutputDescription[];
  inputs: InputDescription[];
}

/** One output of a feature: its kind and its valid step range. */
export interface OutputDescription {
  type: OutputType;
  /** Valid step values, `[0, N]` or `[-N, N]`. */
  range: Range;
  /** Valid durations in ms (HwPositionWithDuration only). */
  duration?: Range;
  /** Where a codec sends commands for this output (spec v3: message name and index). */
  route?: LegacyOutputRoute;
}

/** One input of a feature. */
export interface InputDescription {
  type: InputType;
  /** One range per axis. */
  ranges: Range[];
  commands: InputCommandType[];
  /** Where a codec sends requests for this input (spec v3: sensor index). */
  route?: LegacySensorRoute;
}

/** Spec v3 address of an output: which command list it is in and at which position. */
export interface LegacyOutputRoute {
  message: 'ScalarCmd' | 'RotateCmd' | 'LinearCmd';
  index: number;
  actuatorType: string;
}

/** Spec v3 address of a sensor. */
export interface LegacySensorRoute {
  sensorIndex: number;
  sensorType: string;
}

/** An output command in client terms, before a codec turns it into a message. */
export interface OutputValue {
  /** Signed step value within the output's range. */
  steps: number;
  /** The same value as a fraction of the range, 0..1 (for specs that take floats). */
  fraction: number;
  /** Duration in ms (HwPositionWithDuration). */
  durationMs?: number;
}

/** A sensor value, in the input's own units (battery: percent). */
export interface Reading {
  deviceIndex: number;
  featureIndex: number;
  type: InputType;
  value: number;
}
