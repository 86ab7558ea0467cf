import {
  INPUT_COMMANDS,
  INPUT_TYPES,
  OUTPUT_TYPES,
  type AnyMessage,
  type InputCommandType,
  type InputType,
  type OutputType,
} from '../protocol/index.js';
import { field, type Codec } from './codec.js';
import type { DeviceDescription, FeatureDescription, InputDescription, OutputDescription } from './model.js';

const readFeature = (raw: unknown, path: string): FeatureDescription => {
  const f = field.obj(raw, path);
  const outputs: OutputDescription[] = [];
  const inputs: InputDescription[] = [];
  for (const [type, body] of Object.entries(
    f['Output'] === undefined ? {} : field.obj(f['Output'], `${path}.Output`),
  )) {
    if (!(OUTPUT_TYPES as readonly string[]).includes(type)) continue; // an output kind newer than this client
    const o = field.obj(body, `${path}.Output.${type}`);
    outputs.push({
      type: type as OutputType,
      range: field.range(o['Value'], `${path}.Output.${type}.Value`),
      ...(o['Duration'] !== undefined
        ? { duration: field.range(o['Duration'], `${path}.Output.${type}.Duration`) }
        : {}),
    });
  }
  for (const [type, body] of Object.entries(
    f['Input'] === undefined ? {} : field.obj(f['Input'], `${path}.Input`),
  )) {
    if (!(INPUT_TYPES as readonly string[]).includes(type)) continue;
    const i = field.obj(body, `${path}.Input.${type}`);
    const ranges = Array.isArray(i['Value'])
      ? i['Value'].map((r, k) => field.range(r, `${path}.Input.${type}.Value[${k}]`))
      : [];
    const commands = (Array.isArray(i['Command']) ? i['Command'] : []).filter((c): c is InputCommandType =>
      (INPUT_COMMANDS as readonly unknown[]).includes(c),
    );
    inputs.push({ type: type as InputType, ranges, commands });
  }
  return {
    index: field.num(f['FeatureIndex'], `${path}.FeatureIndex`),
    description: typeof f['FeatureDescription'] === 'string' ? f['FeatureDescription'] : '',
    outputs,
    inputs,
  };
};

const readDevice = (raw: unknown, path: string): DeviceDescription => {
  const d = field.obj(raw, path);
  const features = Object.entries(
    d['DeviceFeatures'] === undefined ? {} : field.obj(d['DeviceFeatures'], `${path}.DeviceFeatures`),
  )
    .map(([k, f]) => readFeature(f, `${path}.DeviceFeatures.${k}`))
    .sort((a, b) => a.index - b.index);
  return {
    index: field.num(d['DeviceIndex'], `${path}.DeviceIndex`),
    name: field.str(d['DeviceName'], `${path}.DeviceName`),
    ...(typeof d['DeviceDisplayName'] === 'string' ? { displayName: d['DeviceDisplayName'] } : {}),
    messageTimingGap: typeof d['DeviceMessageTimingGap'] === 'number' ? d['DeviceMessageTimingGap'] : 0,
    features,
  };
};

const readList = (m: AnyMessage): DeviceDescription[] =>
  Object.entries(field.obj(m['Devices'], 'DeviceList.Devices'))
    .map(([k, d]) => readDevice(d, `DeviceList.Devices.${k}`))
    .sort((a, b) => a.index - b.index);

/** Spec v4: features and outputs map one to one onto OutputCmd / InputCmd / StopCmd. */
export const v4Codec: Codec = {
  version: 4,
  deviceList: readList,
  deviceEvent: (m) => (m.type === 'DeviceList' ? readList(m) : undefined),
  output: (device, feature, output, value) => ({
    type: 'OutputCmd',
    DeviceIndex: device.index,
    FeatureIndex: feature.index,
    Command: {
      [output.type]:
        output.type === 'HwPositionWithDuration'
          ? { Value: value.steps, Duration: value.durationMs ?? 0 }
          : { Value: value.steps },
    },
  }),
  input: (device, feature, input, command) => ({
    type: 'InputCmd',
    DeviceIndex: device.index,
    FeatureIndex: feature.index,
    Type: input.type,
    Command: command,
  }),
  reading(m) {
    if (m.type !== 'InputReading') return undefined;
    const reading = field.obj(m['Reading'], 'InputReading.Reading');
    const type = Object.keys(reading)[0];
    if (!type || !(INPUT_TYPES as readonly string[]).includes(type)) return undefined;
    return {
      deviceIndex: field.num(m['DeviceIndex'], 'InputReading.DeviceIndex'),
      featureIndex: field.num(m['FeatureIndex'], 'InputReading.FeatureIndex'),
      type: type as InputType,
      value: field.num(
        field.obj(reading[type], `InputReading.Reading.${type}`)['Value'],
        `InputReading.Reading.${type}.Value`,
      ),
    };
  },
  // Inputs stay subscribed: stopping a toy's motion should not silently end its sensor streams.
  stopDevice: (DeviceIndex) => ({ type: 'StopCmd', DeviceIndex, Inputs: false, Outputs: true }),
  stopAll: () => ({ type: 'StopCmd', Inputs: false, Outputs: true }),
};
