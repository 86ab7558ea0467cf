/**
 * The index tables older specs address features by, derived from a v4 device description.
 * One definition serves the server (advertising and resolving v3 indexes), the device-test
 * runner and the client, so an index means the same thing everywhere.
 */
import type { DeviceInfo, OutputType } from './messages.js';
import { SCALAR_ORDER } from './output-types.js';

/** One entry of a v3 ScalarCmd/RotateCmd/LinearCmd list. */
export interface LegacyAttribute {
  featureIndex: number;
  /** The v4 output type driven (LinearCmd entries drive HwPositionWithDuration). */
  output: OutputType;
  /** ActuatorType string as v3 spells it. */
  actuatorType: string;
  /** Steps available (max of the advertised range). */
  stepCount: number;
  description: string;
}

const sortedFeatures = (info: DeviceInfo) =>
  Object.values(info.DeviceFeatures).sort((a, b) => a.FeatureIndex - b.FeatureIndex);

/** v3 ScalarCmd entries: every value-like output, feature by feature. */
export function scalarAttributes(info: DeviceInfo): LegacyAttribute[] {
  const out: LegacyAttribute[] = [];
  for (const f of sortedFeatures(info))
    for (const type of SCALAR_ORDER) {
      const o = f.Output?.[type];
      if (o)
        out.push({
          featureIndex: f.FeatureIndex,
          output: type,
          actuatorType: type,
          stepCount: o.Value[1],
          description: f.FeatureDescription,
        });
    }
  return out;
}

/** v3 ScalarCmd entries that vibrate: what v1/v2 VibrateCmd indexes count. */
export const vibrateAttributes = (info: DeviceInfo): LegacyAttribute[] =>
  scalarAttributes(info).filter((a) => a.output === 'Vibrate');

/** v3 RotateCmd entries: features whose Rotate output has a direction (range below zero). */
export function rotateAttributes(info: DeviceInfo): LegacyAttribute[] {
  return sortedFeatures(info)
    .filter((f) => (f.Output?.Rotate?.Value[0] ?? 0) < 0)
    .map((f) => ({
      featureIndex: f.FeatureIndex,
      output: 'Rotate' as const,
      actuatorType: 'Rotate',
      stepCount: f.Output!.Rotate!.Value[1],
      description: f.FeatureDescription,
    }));
}

/** v3 LinearCmd entries: features with HwPositionWithDuration (reported as ActuatorType Position). */
export function linearAttributes(info: DeviceInfo): LegacyAttribute[] {
  return sortedFeatures(info)
    .filter((f) => f.Output?.HwPositionWithDuration)
    .map((f) => ({
      featureIndex: f.FeatureIndex,
      output: 'HwPositionWithDuration' as const,
      actuatorType: 'Position',
      stepCount: f.Output!.HwPositionWithDuration!.Value[1],
      description: f.FeatureDescription,
    }));
}

/** Conversion A: a 0..1 level to steps, rounded up; under 1e-6 counts as 0 (reference rule). */
export const levelToSteps = (stepCount: number, level: number): number =>
  level < 0.000001 ? 0 : Math.ceil(stepCount * level);

/** Conversion C (LinearCmd): a 0..1 position to steps, truncated. */
export const positionToSteps = (stepCount: number, position: number): number =>
  Math.trunc(stepCount * position);
