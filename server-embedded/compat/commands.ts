/**
 * Older-spec output commands → v4 OutputCmds on a device's {@link DeviceTable}. Every function
 * checks the whole message and returns the complete plan, or throws before anything is sent.
 * Float → step rules follow the reference exactly (protocol-notes §6.4): conversion A (ceil,
 * values under 1e-6 are 0) for speeds, B (ceil) for ScalarCmd Position, C (trunc) for LinearCmd.
 */
import {
  PlugkitError,
  V3_ACTUATOR_ALIASES,
  levelToSteps,
  type OutputCommand,
} from '../../sdk/protocol/index.js';
import { launchDuration } from '../../sdk/protocol/launch-speed.js';
import type { ActuatorEntry, DeviceTable } from './attributes.js';

/** One OutputCmd to send. */
export interface PlannedOutput {
  featureIndex: number;
  command: OutputCommand;
}

const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);
const messageError = (reason: string, message: string) => new PlugkitError('ERROR_MSG', reason, message);

const value = (e: ActuatorEntry, steps: number): PlannedOutput => ({
  featureIndex: e.featureIndex,
  command: { [e.output]: { Value: steps === 0 ? 0 : steps } } as OutputCommand,
});

/** Orders a plan by feature index (stable), the order the reference sends in. */
export const byFeature = (plan: PlannedOutput[]): PlannedOutput[] =>
  plan
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.featureIndex - b.p.featureIndex || a.i - b.i)
    .map((x) => x.p);

function noDuplicates(indexes: number[], what: string): void {
  const seen = new Set<number>();
  for (const i of indexes) {
    if (seen.has(i))
      throw messageError(
        'InvalidMessageContents',
        `${what} Index ${i} appears more than once; send each index once.`,
      );
    seen.add(i);
  }
}

function pick(
  list: ActuatorEntry[],
  index: number,
  t: DeviceTable,
  what: string,
  reason = 'DeviceFeatureIndexError',
): ActuatorEntry {
  const e = list[index];
  if (!e)
    throw deviceError(
      reason,
      `${t.name} has ${list.length} ${what} feature(s) (indexes 0..${list.length - 1}); Index ${index} does not exist.`,
    );
  return e;
}

/** ScalarCmd (v3). */
export function planScalar(
  t: DeviceTable,
  scalars: readonly { Index: number; Scalar: number; ActuatorType: string }[],
): PlannedOutput[] {
  if (t.scalar.length === 0)
    throw deviceError(
      'MessageNotSupported',
      `${t.name} has no scalar actuators; its DeviceMessages list no ScalarCmd.`,
    );
  noDuplicates(
    scalars.map((s) => s.Index),
    'ScalarCmd',
  );
  return scalars.map((s) => {
    const e = pick(t.scalar, s.Index, t, 'ScalarCmd');
    // Older spellings (e.g. "Inflate" for Constrict) come from the output-type table.
    const asked = V3_ACTUATOR_ALIASES.get(s.ActuatorType) ?? s.ActuatorType;
    if (asked !== e.actuatorType)
      throw deviceError(
        'MessageNotSupported',
        `ScalarCmd Index ${s.Index} of ${t.name} is ${e.actuatorType}, not ${s.ActuatorType}.`,
      );
    if (!(s.Scalar >= 0 && s.Scalar <= 1))
      throw deviceError('MessageNotSupported', `ScalarCmd Scalar ${s.Scalar} is outside 0..1.`);
    // Conversion B for positions (no epsilon), A for everything else.
    const steps =
      e.output === 'Position' ? Math.ceil(e.stepCount * s.Scalar) : levelToSteps(e.stepCount, s.Scalar);
    return value(e, steps);
  });
}

/** VibrateCmd (v1–v3): indexes count Vibrate features only. */
export function planVibrate(t: DeviceTable, speeds: { Index: number; Speed: number }[]): PlannedOutput[] {
  if (t.vibrate.length === 0)
    throw deviceError(
      'DeviceFeatureCountMismatch',
      `${t.name} has no vibrators; VibrateCmd cannot drive it.`,
    );
  noDuplicates(
    speeds.map((s) => s.Index),
    'VibrateCmd',
  );
  return speeds.map((s) => {
    // Index == count is a count mismatch (the reference's off-by-one crashes instead of replying).
    const e = pick(t.vibrate, s.Index, t, 'vibrator', 'DeviceFeatureCountMismatch');
    return value(e, levelToSteps(e.stepCount, s.Speed));
  });
}

/** SingleMotorVibrateCmd (v0, v1): the same speed on every vibrator. */
export function planSingleMotor(t: DeviceTable, speed: number): PlannedOutput[] {
  if (t.vibrate.length === 0)
    throw deviceError(
      'MessageNotSupported',
      `${t.name} has no vibrators; SingleMotorVibrateCmd cannot drive it.`,
    );
  return t.vibrate.map((e) => value(e, levelToSteps(e.stepCount, speed)));
}

/** RotateCmd (v1–v3): bidirectional rotators; Clockwise is the positive direction. */
export function planRotate(
  t: DeviceTable,
  rotations: { Index: number; Speed: number; Clockwise: boolean }[],
): PlannedOutput[] {
  if (t.rotate.length === 0)
    throw deviceError(
      'MessageNotSupported',
      `${t.name} has no two-way rotators; its DeviceMessages list no RotateCmd.`,
    );
  noDuplicates(
    rotations.map((r) => r.Index),
    'RotateCmd',
  );
  return rotations.map((r) => {
    const e = pick(t.rotate, r.Index, t, 'RotateCmd');
    const steps = levelToSteps(e.stepCount, r.Speed);
    return value(e, r.Clockwise ? steps : -steps);
  });
}

/** LinearCmd (v1–v3): conversion C (trunc), duration in whole ms. */
export function planLinear(
  t: DeviceTable,
  vectors: { Index: number; Duration: number; Position: number }[],
): PlannedOutput[] {
  if (t.linear.length === 0)
    throw deviceError(
      'DeviceFeatureMismatch',
      `${t.name} has no linear (stroker) features; LinearCmd cannot drive it.`,
    );
  noDuplicates(
    vectors.map((v) => v.Index),
    'LinearCmd',
  );
  return vectors.map((v) => {
    const e = pick(t.linear, v.Index, t, 'LinearCmd');
    return stroke(e, Math.trunc(e.stepCount * v.Position), Math.trunc(v.Duration));
  });
}

const stroke = (e: ActuatorEntry, steps: number, duration: number): PlannedOutput => ({
  featureIndex: e.featureIndex,
  command: { HwPositionWithDuration: { Value: steps, Duration: duration } },
});

function firstStroker(t: DeviceTable, message: string): ActuatorEntry {
  const e = t.linear[0];
  if (!e)
    throw deviceError(
      'MessageNotSupported',
      `${message} needs a stroker (a HwPositionWithDuration feature); ${t.name} has none.`,
    );
  return e;
}

/**
 * FleshlightLaunchFW12Cmd (v0, v1): position and speed 0–99. The Launch's own units are a speed,
 * v4 strokers take a duration, so the duration for this stroke is derived from the speed and the
 * distance from the last position sent (see launch-speed.ts). Speed 0 is the slowest move, not
 * "instant". `lastSteps` gives the stroker's last position sent (undefined if none).
 */
export function planFleshlight(
  t: DeviceTable,
  position: number,
  speed: number,
  lastSteps: (e: ActuatorEntry) => number | undefined,
): PlannedOutput[] {
  const e = firstStroker(t, 'FleshlightLaunchFW12Cmd');
  const target = Math.round((position * e.stepCount) / 99);
  const previous = lastSteps(e) ?? 0;
  const distance = Math.abs(target - previous) / e.stepCount;
  return [stroke(e, target, launchDuration(distance, Math.max(speed, 1) / 99))];
}

/** Kiiroo positions run 0–4. */
const KIIROO_MAX = 4;
/** Bounds of a Kiiroo stroke's duration: the toy cannot go faster, and a pause is not a crawl. */
export const KIIROO_MIN_MS = 100;
export const KIIROO_MAX_MS = 1000;

/**
 * KiirooCmd (v0, v1) on a stroker: Command is a position "0".."4". Kiiroo scripts are positions
 * at times, so the stroke lasts as long as the gap since the previous KiirooCmd (bounded).
 */
export function planKiiroo(
  t: DeviceTable,
  command: string,
  sinceLastMs: number | undefined,
): PlannedOutput[] {
  const e = firstStroker(t, 'KiirooCmd');
  const text = command.trim();
  if (!/^[0-4]$/.test(text))
    throw messageError(
      'InvalidMessageContents',
      `KiirooCmd Command must be a position "0".."4", got ${JSON.stringify(command)}.`,
    );
  const target = Math.round((Number(text) * e.stepCount) / KIIROO_MAX);
  const duration = Math.min(
    KIIROO_MAX_MS,
    Math.max(KIIROO_MIN_MS, Math.round(sinceLastMs ?? KIIROO_MAX_MS / 2)),
  );
  return [stroke(e, target, duration)];
}

/** VorzeA10CycloneCmd (v0, v1): speed 0–99 (100 accepted as full) and a direction. */
export function planVorze(t: DeviceTable, speed: number, clockwise: boolean): PlannedOutput[] {
  const e = t.rotate[0];
  if (!e)
    throw deviceError(
      'MessageNotSupported',
      `VorzeA10CycloneCmd needs a two-way rotator; ${t.name} has none.`,
    );
  // Integer product first, so 99-step devices map speed n to exactly n steps.
  const steps = Math.ceil((Math.min(speed, 99) * e.stepCount) / 99);
  return [value(e, clockwise ? steps : -steps)];
}
