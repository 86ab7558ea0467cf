/**
 * Turns a case's client messages into the messages a client of a given spec version sends.
 * v1–v3 messages carry the case's indexes as written; v4 resolves them through the same index
 * tables the server advertises to v3 clients (sdk/protocol/legacy-attributes.ts), as a v4
 * client would when it picks the n-th vibrator.
 */
import {
  levelToSteps,
  linearAttributes,
  positionToSteps,
  rotateAttributes,
  scalarAttributes,
  vibrateAttributes,
  type DeviceInfo,
  type LegacyAttribute,
} from '../../sdk/protocol/index.js';
import type { CaseMessage } from './case.js';

/** A message to send and what to check in its reply. */
export interface OutgoingMessage {
  message: { type: string; [field: string]: unknown };
  /** For battery reads: the expected level 0..1 and how to read it from the reply. */
  expectBattery?: { power: number; read: (reply: Record<string, unknown>) => number | undefined };
  runAsync?: boolean;
}

/** Thrown when a case message cannot be expressed in a spec version (the case is skipped there). */
export class NotExpressible extends Error {}

/** Lowest spec version each message kind exists in. */
export const MIN_VERSION: Record<CaseMessage['kind'], number> = {
  Vibrate: 0,
  Stop: 0,
  Rotate: 1,
  Linear: 1,
  Battery: 2,
  RSSI: 2,
  Scalar: 3,
};

const pick = (list: LegacyAttribute[], index: number, what: string): LegacyAttribute => {
  const a = list[index];
  if (!a) throw new Error(`the case addresses ${what} index ${index}, but the device has ${list.length}`);
  return a;
};

const batteryFeature = (info: DeviceInfo): number => {
  const f = Object.values(info.DeviceFeatures)
    .sort((a, b) => a.FeatureIndex - b.FeatureIndex)
    .find((x) => x.Input?.Battery);
  if (!f) throw new Error('the case reads the battery, but the device has no Battery input');
  return f.FeatureIndex;
};

/** Messages for one case message in spec v4. */
function encodeV4(m: CaseMessage, DeviceIndex: number, info: DeviceInfo): OutgoingMessage[] {
  const output = (a: LegacyAttribute, Command: unknown): OutgoingMessage => ({
    message: { type: 'OutputCmd', DeviceIndex, FeatureIndex: a.featureIndex, Command },
  });
  switch (m.kind) {
    case 'Vibrate':
      return m.speeds.map((s) => {
        const a = pick(vibrateAttributes(info), s.index, 'vibrator');
        return output(a, { Vibrate: { Value: levelToSteps(a.stepCount, s.speed) } });
      });
    case 'Scalar':
      return m.scalars.map((s) => {
        const a = pick(scalarAttributes(info), s.index, 'scalar');
        if (a.actuatorType !== s.actuatorType)
          throw new Error(
            `scalar index ${s.index} is ${a.actuatorType} on this device, the case says ${s.actuatorType}`,
          );
        return output(a, { [a.output]: { Value: levelToSteps(a.stepCount, s.scalar) } });
      });
    case 'Rotate':
      return m.rotations.map((r) => {
        const a = pick(rotateAttributes(info), r.index, 'rotator');
        const v = levelToSteps(a.stepCount, r.speed);
        return output(a, { Rotate: { Value: r.clockwise ? v : -v } });
      });
    case 'Linear':
      return m.vectors.map((v) => {
        const a = pick(linearAttributes(info), v.index, 'linear axis');
        return output(a, {
          HwPositionWithDuration: { Value: positionToSteps(a.stepCount, v.position), Duration: v.duration },
        });
      });
    case 'Battery':
      return [
        {
          message: {
            type: 'InputCmd',
            DeviceIndex,
            FeatureIndex: batteryFeature(info),
            Type: 'Battery',
            Command: 'Read',
          },
          expectBattery: {
            power: m.expectedPower,
            read: (r) => {
              const v = (r['Reading'] as { Battery?: { Value: number } } | undefined)?.Battery?.Value;
              return v === undefined ? undefined : v / 100;
            },
          },
          runAsync: m.runAsync,
        },
      ];
    case 'RSSI': {
      const f = Object.values(info.DeviceFeatures).find((x) => x.Input?.Rssi);
      if (!f) throw new Error('the case reads RSSI, but the device has no Rssi input');
      return [
        {
          message: {
            type: 'InputCmd',
            DeviceIndex,
            FeatureIndex: f.FeatureIndex,
            Type: 'Rssi',
            Command: 'Read',
          },
        },
      ];
    }
    case 'Stop':
      return [{ message: { type: 'StopCmd', DeviceIndex, Inputs: true, Outputs: true } }];
  }
}

/** Messages for one case message in spec v0–v3. */
function encodeLegacy(
  m: CaseMessage,
  DeviceIndex: number,
  version: number,
  info: DeviceInfo,
): OutgoingMessage[] {
  if (version < MIN_VERSION[m.kind])
    throw new NotExpressible(`${m.kind} does not exist before spec v${MIN_VERSION[m.kind]}`);
  switch (m.kind) {
    case 'Vibrate': {
      if (version === 0) {
        const count = vibrateAttributes(info).length;
        const speeds = new Set(m.speeds.map((s) => s.speed));
        if (speeds.size !== 1 || m.speeds.length !== count)
          throw new NotExpressible('v0 only sets every vibrator to one speed (SingleMotorVibrateCmd)');
        return [{ message: { type: 'SingleMotorVibrateCmd', DeviceIndex, Speed: m.speeds[0]!.speed } }];
      }
      return [
        {
          message: {
            type: 'VibrateCmd',
            DeviceIndex,
            Speeds: m.speeds.map((s) => ({ Index: s.index, Speed: s.speed })),
          },
        },
      ];
    }
    case 'Scalar':
      return [
        {
          message: {
            type: 'ScalarCmd',
            DeviceIndex,
            Scalars: m.scalars.map((s) => ({
              Index: s.index,
              Scalar: s.scalar,
              ActuatorType: s.actuatorType,
            })),
          },
        },
      ];
    case 'Rotate':
      return [
        {
          message: {
            type: 'RotateCmd',
            DeviceIndex,
            Rotations: m.rotations.map((r) => ({ Index: r.index, Speed: r.speed, Clockwise: r.clockwise })),
          },
        },
      ];
    case 'Linear':
      return [
        {
          message: {
            type: 'LinearCmd',
            DeviceIndex,
            Vectors: m.vectors.map((v) => ({ Index: v.index, Duration: v.duration, Position: v.position })),
          },
        },
      ];
    case 'Battery':
      return [
        version === 2
          ? {
              message: { type: 'BatteryLevelCmd', DeviceIndex },
              expectBattery: { power: m.expectedPower, read: (r) => r['BatteryLevel'] as number | undefined },
              runAsync: m.runAsync,
            }
          : {
              message: { type: 'SensorReadCmd', DeviceIndex, SensorIndex: 0, SensorType: 'Battery' },
              expectBattery: {
                power: m.expectedPower,
                read: (r) => {
                  const d = r['Data'] as number[] | undefined;
                  return d?.[0] === undefined ? undefined : d[0] / 100;
                },
              },
              runAsync: m.runAsync,
            },
      ];
    case 'RSSI':
      return [
        {
          message:
            version === 2
              ? { type: 'RSSILevelCmd', DeviceIndex }
              : { type: 'SensorReadCmd', DeviceIndex, SensorIndex: 0, SensorType: 'RSSI' },
        },
      ];
    case 'Stop':
      return [{ message: { type: 'StopDeviceCmd', DeviceIndex } }];
  }
}

/** The messages a spec-`version` client sends for a case message. */
export function encodeMessage(
  m: CaseMessage,
  deviceIndex: number,
  version: number,
  info: DeviceInfo,
): OutgoingMessage[] {
  return version >= 4 ? encodeV4(m, deviceIndex, info) : encodeLegacy(m, deviceIndex, version, info);
}
