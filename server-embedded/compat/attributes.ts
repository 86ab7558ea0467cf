/**
 * A device as an older-spec client sees it. One {@link DeviceTable} is built per device and
 * session; it both renders the DeviceMessages a client is shown and resolves the indexes its
 * commands use, so the two can never disagree (the reference builds them separately and they
 * can differ; protocol-notes §6.1).
 */
import type { AnyMessage, InputType, OutputType, Range } from '../../sdk/protocol/index.js';
import type { ServerDevice } from '../devices/device.js';
import { advertisedRange } from '../devices/steps.js';

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
  device: ServerDevice;
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

/**
 * Per-feature order of ScalarCmd entries: the order the reference advertises. Temperature, Led
 * and Spray are v4-era kinds no v3 client was written for (an unknown ActuatorType can break
 * strict clients' parsing of the whole list), so they are left out for v3; v4 clients get them.
 */
const SCALAR_ORDER: OutputType[] = ['Constrict', 'Oscillate', 'Position', 'Rotate', 'Vibrate'];

/** v4 input kinds that v3 can express, with their v3 SensorType names, in list order. */
const SENSOR_TYPES: [InputType, string][] = [
  ['Battery', 'Battery'],
  ['Rssi', 'RSSI'],
  ['Button', 'Button'],
  ['Pressure', 'Pressure'],
];

/** Builds the table for a device. */
export function buildTable(device: ServerDevice, rawAllowed: boolean): DeviceTable {
  const t: DeviceTable = {
    device,
    scalar: [],
    vibrate: [],
    rotate: [],
    linear: [],
    sensorRead: [],
    sensorSubscribe: [],
    rawEndpoints: rawAllowed ? [...device.hardware.endpoints] : undefined,
    lovense: device.resolved.protocol === 'lovense',
  };
  for (const f of device.features) {
    const outputs = f.outputs.filter((o) => !o.disabled);
    const entry = (output: OutputType, actuatorType: string): ActuatorEntry | undefined => {
      const o = outputs.find((x) => x.type === output);
      if (!o) return undefined;
      const stepCount = advertisedRange(o)[1];
      return stepCount > 0
        ? { featureIndex: f.index, description: f.description, output, actuatorType, stepCount }
        : undefined;
    };
    for (const type of SCALAR_ORDER) {
      const e = entry(type, type);
      if (!e) continue;
      t.scalar.push(e);
      if (type === 'Vibrate') t.vibrate.push(e);
    }
    const rotate = outputs.find((o) => o.type === 'Rotate');
    if (rotate && advertisedRange(rotate)[0] < 0) t.rotate.push(entry('Rotate', 'Rotate')!);
    const linear = entry('HwPositionWithDuration', 'Position');
    if (linear) t.linear.push(linear);
    for (const [input, sensorType] of SENSOR_TYPES) {
      const i = f.inputs[input];
      if (!i) continue;
      const e: SensorEntry = {
        featureIndex: f.index,
        description: f.description,
        input,
        sensorType,
        ranges: i.ranges,
      };
      if (i.commands.includes('Read')) t.sensorRead.push(e);
      if (i.commands.includes('Subscribe')) t.sensorSubscribe.push(e);
    }
  }
  return t;
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
  const d = t.device;
  return {
    DeviceName: d.name,
    DeviceIndex: d.index,
    ...(version === 3 && d.displayName !== undefined ? { DeviceDisplayName: d.displayName } : {}),
    ...(version === 3 ? { DeviceMessageTimingGap: d.messageGapMs } : {}),
    DeviceMessages: deviceMessages(t, version),
  };
}

/** DeviceAdded event for a table. */
export const deviceAdded = (t: DeviceTable, version: number): AnyMessage => ({
  type: 'DeviceAdded',
  Id: 0,
  ...deviceEntry(t, version),
});
