import {
  INPUT_TYPES,
  OUTPUT_TYPES,
  PlugkitError,
  type InputType,
  type OutputType,
} from '../protocol/index.js';
import { field, type Codec } from './codec.js';
import type { DeviceDescription, FeatureDescription, OutputDescription } from './model.js';

/** v3 ActuatorType names that are not v4 output names. */
const actuatorAliases: Record<string, OutputType> = { Inflate: 'Constrict' };
/** v3 SensorType names that are not v4 input names. */
const sensorAliases: Record<string, InputType> = { RSSI: 'Rssi' };

interface Attribute {
  descriptor: string;
  actuatorType: string;
  stepCount: number;
}

const attributes = (raw: unknown, path: string): Attribute[] =>
  raw === undefined
    ? []
    : (Array.isArray(raw) ? raw : []).map((a, i) => {
        const o = field.obj(a, `${path}[${i}]`);
        return {
          descriptor: typeof o['FeatureDescriptor'] === 'string' ? o['FeatureDescriptor'] : '',
          actuatorType: field.str(o['ActuatorType'], `${path}[${i}].ActuatorType`),
          stepCount: field.num(o['StepCount'], `${path}[${i}].StepCount`),
        };
      });

/**
 * Builds v4-style features from v3 DeviceMessages. ScalarCmd entries become one feature each; a
 * RotateCmd (or LinearCmd) entry is merged into the first unpaired ScalarCmd Rotate (Position)
 * entry with the same description and step count, as the server derives both lists from the same
 * features in the same order; otherwise it gets its own feature. Sensors become input features.
 */
const readDevice = (raw: unknown, path: string): DeviceDescription => {
  const d = field.obj(raw, path);
  const messages = field.obj(d['DeviceMessages'] ?? {}, `${path}.DeviceMessages`);
  const features: FeatureDescription[] = [];
  const scalarFeatures = new Map<string, FeatureDescription[]>();
  attributes(messages['ScalarCmd'], `${path}.DeviceMessages.ScalarCmd`).forEach((a, index) => {
    const type = actuatorAliases[a.actuatorType] ?? (a.actuatorType as OutputType);
    if (!(OUTPUT_TYPES as readonly string[]).includes(type)) return;
    const f: FeatureDescription = {
      index: features.length,
      description: a.descriptor,
      outputs: [
        {
          type,
          range: [0, a.stepCount],
          route: { message: 'ScalarCmd', index, actuatorType: a.actuatorType },
        },
      ],
      inputs: [],
    };
    features.push(f);
    scalarFeatures.set(type, [...(scalarFeatures.get(type) ?? []), f]);
  });
  const merged = new Set<FeatureDescription>();
  const mergeOrAdd = (
    list: Attribute[],
    scalarType: OutputType,
    make: (a: Attribute, index: number) => OutputDescription,
  ) =>
    list.forEach((a, index) => {
      const output = make(a, index);
      // The server lists such a feature in both lists, in feature order: pair greedily by description and steps.
      const twin = scalarFeatures
        .get(scalarType)
        ?.find(
          (f) => !merged.has(f) && f.description === a.descriptor && f.outputs[0]!.range[1] === a.stepCount,
        );
      if (twin) {
        merged.add(twin);
        // The dedicated command is the better route for this output (direction, duration).
        if (scalarType === 'Rotate') twin.outputs[0] = output;
        else twin.outputs.push(output);
      } else
        features.push({ index: features.length, description: a.descriptor, outputs: [output], inputs: [] });
    });
  mergeOrAdd(attributes(messages['RotateCmd'], `${path}.DeviceMessages.RotateCmd`), 'Rotate', (a, index) => ({
    type: 'Rotate',
    range: [-a.stepCount, a.stepCount],
    route: { message: 'RotateCmd', index, actuatorType: a.actuatorType },
  }));
  mergeOrAdd(
    attributes(messages['LinearCmd'], `${path}.DeviceMessages.LinearCmd`),
    'Position',
    (a, index) => ({
      type: 'HwPositionWithDuration',
      range: [0, a.stepCount],
      route: { message: 'LinearCmd', index, actuatorType: a.actuatorType },
    }),
  );
  const subscribable = new Set<number>();
  const subs = messages['SensorSubscribeCmd'];
  if (Array.isArray(subs)) subs.forEach((_, i) => subscribable.add(i));
  const sensors = messages['SensorReadCmd'];
  (Array.isArray(sensors) ? sensors : []).forEach((s, sensorIndex) => {
    const o = field.obj(s, `${path}.DeviceMessages.SensorReadCmd[${sensorIndex}]`);
    const sensorType = field.str(
      o['SensorType'],
      `${path}.DeviceMessages.SensorReadCmd[${sensorIndex}].SensorType`,
    );
    const type = sensorAliases[sensorType] ?? (sensorType as InputType);
    if (!(INPUT_TYPES as readonly string[]).includes(type)) return;
    const ranges = Array.isArray(o['SensorRange'])
      ? o['SensorRange'].map((r, k) =>
          field.range(r, `${path}.SensorReadCmd[${sensorIndex}].SensorRange[${k}]`),
        )
      : [];
    features.push({
      index: features.length,
      description: typeof o['FeatureDescriptor'] === 'string' ? o['FeatureDescriptor'] : '',
      outputs: [],
      inputs: [
        {
          type,
          ranges,
          commands: subscribable.has(sensorIndex) ? ['Read', 'Subscribe', 'Unsubscribe'] : ['Read'],
          route: { sensorIndex, sensorType },
        },
      ],
    });
  });
  return {
    index: field.num(d['DeviceIndex'], `${path}.DeviceIndex`),
    name: field.str(d['DeviceName'], `${path}.DeviceName`),
    ...(typeof d['DeviceDisplayName'] === 'string' ? { displayName: d['DeviceDisplayName'] } : {}),
    messageTimingGap: typeof d['DeviceMessageTimingGap'] === 'number' ? d['DeviceMessageTimingGap'] : 0,
    features,
  };
};

const noRoute = (what: string): never => {
  throw new PlugkitError(
    'ERROR_MSG',
    'MessageConversionError',
    `${what} has no spec v3 equivalent on this device.`,
  );
};

/**
 * Spec v3 (older Intiface Central/Engine): per-command attribute lists, DeviceAdded/DeviceRemoved
 * events, float values (ScalarCmd, RotateCmd, LinearCmd) and SensorReadCmd.
 */
export const v3Codec: Codec = {
  version: 3,
  deviceList: (m) => {
    const list = m['Devices'];
    if (!Array.isArray(list))
      throw new TypeError('server sent a DeviceList whose Devices is not an array (spec v3)');
    return list.map((d, i) => readDevice(d, `DeviceList.Devices[${i}]`)).sort((a, b) => a.index - b.index);
  },
  deviceEvent(m, current) {
    if (m.type === 'DeviceAdded') {
      const added = readDevice(m, 'DeviceAdded');
      return [...current.filter((d) => d.index !== added.index), added].sort((a, b) => a.index - b.index);
    }
    if (m.type === 'DeviceRemoved') {
      const index = field.num(m['DeviceIndex'], 'DeviceRemoved.DeviceIndex');
      return current.filter((d) => d.index !== index);
    }
    return undefined;
  },
  output(device, _feature, output, value) {
    const route = output.route ?? noRoute(`${output.type} output`);
    switch (route.message) {
      case 'ScalarCmd':
        return {
          type: 'ScalarCmd',
          DeviceIndex: device.index,
          Scalars: [{ Index: route.index, Scalar: value.fraction, ActuatorType: route.actuatorType }],
        };
      case 'RotateCmd':
        return {
          type: 'RotateCmd',
          DeviceIndex: device.index,
          Rotations: [{ Index: route.index, Speed: value.fraction, Clockwise: value.steps >= 0 }],
        };
      case 'LinearCmd':
        return {
          type: 'LinearCmd',
          DeviceIndex: device.index,
          Vectors: [{ Index: route.index, Duration: value.durationMs ?? 0, Position: value.fraction }],
        };
    }
  },
  input(device, _feature, input, command) {
    const route = input.route ?? noRoute(`${input.type} input`);
    const type =
      command === 'Read'
        ? 'SensorReadCmd'
        : command === 'Subscribe'
          ? 'SensorSubscribeCmd'
          : 'SensorUnsubscribeCmd';
    return { type, DeviceIndex: device.index, SensorIndex: route.sensorIndex, SensorType: route.sensorType };
  },
  reading(m, lookup) {
    if (m.type !== 'SensorReading') return undefined;
    const deviceIndex = field.num(m['DeviceIndex'], 'SensorReading.DeviceIndex');
    const sensorIndex = field.num(m['SensorIndex'], 'SensorReading.SensorIndex');
    const data = m['Data'];
    if (!Array.isArray(data) || data.length === 0)
      throw new TypeError('server sent a SensorReading without Data');
    for (const f of lookup(deviceIndex)?.features ?? [])
      for (const i of f.inputs)
        if (i.route?.sensorIndex === sensorIndex)
          return {
            deviceIndex,
            featureIndex: f.index,
            type: i.type,
            value: field.num(data[0], 'SensorReading.Data[0]'),
          };
    return undefined;
  },
  stopDevice: (DeviceIndex) => ({ type: 'StopDeviceCmd', DeviceIndex }),
  stopAll: () => ({ type: 'StopAllDevices' }),
};
