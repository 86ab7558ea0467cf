/**
 * A device as an older-spec client sees it. One {@link DeviceTable} is built per device and
 * session; it both renders the DeviceMessages a client is shown and resolves the indexes its
 * commands use, so the two can never disagree (the reference builds them separately and they
 * can differ; protocol-notes §6.1).
 */
import {
  V3_SCALAR_ORDER,
  outputTypeRow,
  type AnyMessage,
  type DeviceFeatureInfo,
  type InputType,
  type OutputType,
  type Range,
} from '../../sdk/protocol/index.js';
import type { CoreDevice } from '../server/core.js';

/** One actuator entry (ScalarCmd, RotateCmd, LinearCmd; VibrateCmd is the Vibrate subset). */
export interface ActuatorEntry {
  featureIndex: number;
  description: string;
  /** The v4 output this entry drives. */
  output: OutputType;
  /** ActuatorType as shown to v3 clients. */
  actuatorType: string;
  /** Steps the client can address (max of the advertised range). */
  stepCount: number;
}

/** One sensor entry (SensorReadCmd / SensorSubscribeCmd). */
export interface SensorEntry {
  featureIndex: number;
  description: string;
  input: InputType;
  /** SensorType as shown to v3 clients. */
  sensorType: string;
  ranges: Range[];
}

/** Everything an older-spec client can address on one device, in index order. */
export interface DeviceTable {
  device: CoreDevice;
  /** The device's name, for error messages. */
  name: string;
  /** v3 ScalarCmd entries. */
  scalar: ActuatorEntry[];
  /** The Vibrate entries of `scalar`: VibrateCmd indexes and SingleMotorVibrateCmd targets. */
  vibrate: ActuatorEntry[];
  /** Bidirectional rotators: RotateCmd indexes and VorzeA10CycloneCmd's target. */
  rotate: ActuatorEntry[];
  /** Strokers (HwPositionWithDuration): LinearCmd indexes, Fleshlight/Kiiroo targets. */
  linear: ActuatorEntry[];
  sensorRead: SensorEntry[];
  sensorSubscribe: SensorEntry[];
  /** Endpoints open to Raw* messages; undefined when raw access is not allowed. */
  rawEndpoints: string[] | undefined;
  /** The device speaks the Lovense text protocol (LovenseCmd can be honoured). */
  lovense: boolean;
}

/** v4 input kinds that v3 can express, with their v3 SensorType names, in list order. */
const SENSOR_TYPES: [InputType, string][] = [
  ['Battery', 'Battery'],
  ['Rssi', 'RSSI'],
  ['Button', 'Button'],
  ['Pressure', 'Pressure'],
];

/** The ActuatorType v3 clients see for a kind (the output-type table says which kinds they know). */
const actuatorTypeOf = (type: OutputType): string | undefined => outputTypeRow(type).v3ActuatorType;

/**
 * Builds the table for a device from its v4 description, which already leaves out disabled
 * outputs and gives each output its advertised step range.
 */
export function buildTable(device: CoreDevice): DeviceTable {
  const info = device.info;
  const t: DeviceTable = {
    device,
    name: info.DeviceName,
    scalar: [],
    vibrate: [],
    rotate: [],
    linear: [],
    sensorRead: [],
    sensorSubscribe: [],
    rawEndpoints: device.rawEndpoints && [...device.rawEndpoints],
    lovense: device.protocol === 'lovense',
  };
  const features = Object.values(info.DeviceFeatures).sort((a, b) => a.FeatureIndex - b.FeatureIndex);
  for (const f of features) {
    const entry = (output: OutputType): ActuatorEntry | undefined => {
      const o = f.Output?.[output];
      const actuatorType = actuatorTypeOf(output);
      if (!o || actuatorType === undefined) return undefined;
      const stepCount = o.Value[1];
      return stepCount > 0
        ? { featureIndex: f.FeatureIndex, description: f.FeatureDescription, output, actuatorType, stepCount }
        : undefined;
    };
    for (const type of V3_SCALAR_ORDER) {
      const e = entry(type);
      if (!e) continue;
      t.scalar.push(e);
      if (type === 'Vibrate') t.vibrate.push(e);
    }
    const rotate = f.Output?.Rotate;
    const twoWay = rotate && rotate.Value[0] < 0 ? entry('Rotate') : undefined;
    if (twoWay) t.rotate.push(twoWay);
    const linear = entry('HwPositionWithDuration');
    if (linear) t.linear.push(linear);
    addSensors(t, f);
  }
  return t;
}

function addSensors(t: DeviceTable, f: DeviceFeatureInfo): void {
  for (const [input, sensorType] of SENSOR_TYPES) {
    const i = f.Input?.[input];
    if (!i) continue;
    const e: SensorEntry = {
      featureIndex: f.FeatureIndex,
      description: f.FeatureDescription,
      input,
      sensorType,
      ranges: i.Value,
    };
    if (i.Command.includes('Read')) t.sensorRead.push(e);
    if (i.Command.includes('Subscribe')) t.sensorSubscribe.push(e);
  }
}

/** The first readable sensor of a kind (BatteryLevelCmd, RSSILevelCmd). */
export const firstSensor = (t: DeviceTable, input: InputType): SensorEntry | undefined =>
  t.sensorRead.find((s) => s.input === input);

/** Names of the v0/v1 device-specific commands this device can honour. */
function legacyCommandNames(t: DeviceTable): string[] {
  const names: string[] = [];
  if (t.vibrate.length) names.push('SingleMotorVibrateCmd');
  // Advertised (unlike the reference) because plugkit converts them: old apps check for them.
  if (t.linear.length) names.push('FleshlightLaunchFW12Cmd', 'KiirooCmd');
  if (t.rotate.length) names.push('VorzeA10CycloneCmd');
  if (t.lovense) names.push('LovenseCmd');
  return names;
}

const actuatorAttr = (e: ActuatorEntry) => ({
  FeatureDescriptor: e.description,
  ActuatorType: e.actuatorType,
  StepCount: e.stepCount,
});
const sensorAttr = (e: SensorEntry) => ({
  FeatureDescriptor: e.description,
  SensorType: e.sensorType,
  SensorRange: e.ranges,
});

/** DeviceMessages in the given version's shape. */
export function deviceMessages(t: DeviceTable, version: number): unknown {
  if (version === 0) return ['StopDeviceCmd', ...legacyCommandNames(t)].sort();
  const out: Record<string, unknown> = {};
  if (version === 3) {
    if (t.scalar.length) out['ScalarCmd'] = t.scalar.map(actuatorAttr);
    if (t.rotate.length) out['RotateCmd'] = t.rotate.map(actuatorAttr);
    if (t.linear.length) out['LinearCmd'] = t.linear.map(actuatorAttr);
    if (t.sensorRead.length) out['SensorReadCmd'] = t.sensorRead.map(sensorAttr);
    if (t.sensorSubscribe.length) out['SensorSubscribeCmd'] = t.sensorSubscribe.map(sensorAttr);
  } else {
    const generic = (list: ActuatorEntry[]) =>
      version === 1
        ? { FeatureCount: list.length }
        : { FeatureCount: list.length, StepCount: list.map((e) => e.stepCount) };
    if (t.vibrate.length) out['VibrateCmd'] = generic(t.vibrate);
    if (t.rotate.length) out['RotateCmd'] = generic(t.rotate);
    if (t.linear.length) out['LinearCmd'] = generic(t.linear);
    if (version === 1) for (const name of legacyCommandNames(t)) out[name] = {};
    if (version === 2) {
      if (firstSensor(t, 'Battery')) out['BatteryLevelCmd'] = {};
      if (firstSensor(t, 'Rssi')) out['RSSILevelCmd'] = {};
    }
  }
  if (version >= 2 && t.rawEndpoints?.length) {
    const endpoints = { Endpoints: t.rawEndpoints };
    out['RawReadCmd'] = endpoints;
    out['RawWriteCmd'] = endpoints;
    out['RawSubscribeCmd'] = endpoints;
    if (version === 2) out['RawUnsubscribeCmd'] = endpoints;
  }
  out['StopDeviceCmd'] = {};
  return out;
}

/** A device entry of DeviceList / the body of DeviceAdded, in the given version's shape. */
export function deviceEntry(t: DeviceTable, version: number): Record<string, unknown> {
  const d = t.device.info;
  return {
    DeviceName: d.DeviceName,
    DeviceIndex: d.DeviceIndex,
    ...(version === 3 && d.DeviceDisplayName !== undefined ? { DeviceDisplayName: d.DeviceDisplayName } : {}),
    ...(version === 3 ? { DeviceMessageTimingGap: d.DeviceMessageTimingGap } : {}),
    DeviceMessages: deviceMessages(t, version),
  };
}

/** DeviceAdded event for a table. */
export const deviceAdded = (t: DeviceTable, version: number): AnyMessage => ({
  type: 'DeviceAdded',
  Id: 0,
  ...deviceEntry(t, version),
});
