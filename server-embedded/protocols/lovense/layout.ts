import type { OutputType } from '../../../sdk/protocol/index.js';
import type { ResolvedFeature } from '../definition.js';

/**
 * How a Lovense model is driven, chosen from its model letters and its outputs:
 * - `stroker`: Solace (`H`) and Solace Pro (`BA`): `Mply:speed:stroke;` and positional `FSetSite`.
 * - `single`: one motor, `Vibrate:n;`.
 * - `max`: a vibrator plus the air pump, `Vibrate:n;` and `Air:Level:n;`.
 * - `rotator`: a vibrator plus a rotator (Nora, Ridge), `Vibrate:n;` and `Rotate:n;`.
 * - `mply`: three or more motors set at once, `Mply:a:b:c;` (Flexer, Lapis).
 * - `dual`: two motors addressed one by one, `Vibrate1:n;` / `Vibrate2:n;` (Edge, Gravity, Spinel).
 */
export type LovenseLayout = 'stroker' | 'single' | 'max' | 'rotator' | 'mply' | 'dual';

/** Features that have at least one output, in index order: the toy's motors. */
export const motorFeatures = (features: readonly ResolvedFeature[]): ResolvedFeature[] =>
  features.filter((f) => f.outputs.length > 0).sort((a, b) => a.index - b.index);

/** Picks the command style for a model (same decision order as the reference server). */
export function lovenseLayout(model: string, features: readonly ResolvedFeature[]): LovenseLayout {
  const motors = motorFeatures(features);
  const having = (...types: OutputType[]) =>
    motors.filter((f) => f.outputs.some((o) => types.includes(o.type))).length;
  const vibrators = having('Vibrate', 'Oscillate');
  const two = motors.length === 2 && having('Vibrate') === 1;
  if (model === 'BA' || model === 'H') return 'stroker';
  if (motors.length === 1) return 'single';
  if (two && having('Constrict') === 1) return 'max';
  if (two && having('Rotate') === 1) return 'rotator';
  if ((vibrators === 2 && motors.length > 2) || vibrators > 2) return 'mply';
  return 'dual';
}
