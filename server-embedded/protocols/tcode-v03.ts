import { ascii, unhandled, write, type OutputCommand, type Protocol } from './types.js';

/** Whole, non-negative device units as TCode digits, at least `width` wide (`7` → `007`). */
const digits = (value: number, width: number): string =>
  String(Math.max(0, Math.trunc(value))).padStart(width, '0');

/** TCode axes: linear L0–L2, rotation R0–R2, vibration V0–V1, auxiliary A0–A2. */
const AXIS = /^\s*([LRVA])([0-9])\b/i;
/** The names multi-axis script players use for the same axes. */
const AXIS_NAMES: Record<string, string> = {
  stroke: 'L0',
  surge: 'L1',
  sway: 'L2',
  twist: 'R0',
  roll: 'R1',
  pitch: 'R2',
  vib: 'V0',
  vibrate: 'V0',
  pump: 'V1',
  valve: 'A0',
  suck: 'A1',
  lube: 'A2',
};

/**
 * The TCode axis a feature's description declares: an axis id at the start (`R1`, `L2 surge`)
 * or a conventional name (`twist`, `roll`…). Undefined when it declares none.
 */
export function declaredAxis(description: string): string | undefined {
  const id = AXIS.exec(description);
  if (id) return `${id[1]!.toUpperCase()}${id[2]}`;
  return AXIS_NAMES[description.trim().toLowerCase()];
}

/** A declared axis's value as a 4-digit TCode magnitude: the fraction of the range, 0000–9999. */
const magnitude = (value: number, max: number): string =>
  digits(Math.min(9999, Math.round((Math.max(0, value) / Math.max(1, max)) * 9999)), 4);

interface AxisFeature {
  axis: string;
  /** Top of each output's device range, by output type. */
  max: Partial<Record<string, number>>;
}

const LEVEL_OUTPUTS = new Set(['Vibrate', 'Oscillate', 'Constrict']);

/**
 * TCode v0.3 (OSR2/SR6 and other serial strokers), one ASCII line per command on `tx`.
 *
 * Features whose user-config `description` declares an axis (`L1`, `R0 twist`, `roll`, `V1`…)
 * drive that axis, so a config can expose every axis of an SR6 — linear L0–L2, rotation R0–R2,
 * vibration V0–V1 (and A0–A2) — as features. Their values go out as 4-digit fractions of the
 * feature's range (`R15000` = centre):
 * - HwPositionWithDuration on an L/R axis: `<axis><0000–9999>I<duration ms>\n`
 * - Position on an L/R axis: `<axis><0000–9999>\n`
 * - Vibrate/Oscillate/Constrict on a V/A axis: `<axis><0000–9999>\n`
 *
 * Features without a declared axis keep the reference behaviour (the feature index is the axis
 * number, the value is sent as is):
 * - HwPositionWithDuration: `L<feature><position, 2+ digits>I<duration ms>\n` (`L051I200`)
 * - Position: `L0<position>\nR0<position>\n` (linear and roll axes together)
 * - Vibrate: `V<feature><speed, 2+ digits>\n`
 */
export const tcodeV03: Protocol = {
  name: 'tcode-v03',
  create: (ctx) => {
    const axes = new Map<number, AxisFeature>();
    // A context without a device (unit tests of the byte format) has no declared axes.
    for (const f of ctx?.device?.features ?? []) {
      const axis = declaredAxis(f.description);
      if (!axis) continue;
      const max: AxisFeature['max'] = {};
      for (const o of f.outputs) max[o.type] = o.base[1];
      axes.set(f.index, { axis, max });
    }
    const declared = (cmd: OutputCommand): string | undefined => {
      const a = axes.get(cmd.featureIndex);
      if (!a) return undefined;
      const positional = a.axis[0] === 'L' || a.axis[0] === 'R';
      const fits = positional
        ? cmd.type === 'HwPositionWithDuration' || cmd.type === 'Position'
        : LEVEL_OUTPUTS.has(cmd.type);
      if (!fits) return unhandled(`${cmd.type} on TCode axis ${a.axis}`);
      const value = `${a.axis}${magnitude(cmd.value, a.max[cmd.type] ?? 1)}`;
      return cmd.type === 'HwPositionWithDuration'
        ? `${value}I${Math.max(0, Math.trunc(cmd.duration ?? 0))}\n`
        : `${value}\n`;
    };
    return {
      output: (cmd) => {
        const line = declared(cmd);
        if (line !== undefined) return [write('tx', ascii(line))];
        switch (cmd.type) {
          case 'HwPositionWithDuration':
            return [
              write(
                'tx',
                ascii(`L${cmd.featureIndex}${digits(cmd.value, 2)}I${Math.trunc(cmd.duration ?? 0)}\n`),
              ),
            ];
          case 'Position': {
            const p = digits(cmd.value, 3);
            return [write('tx', ascii(`L0${p}\nR0${p}\n`))];
          }
          case 'Vibrate':
            return [write('tx', ascii(`V${cmd.featureIndex}${digits(cmd.value, 2)}\n`))];
          default:
            return unhandled(cmd.type);
        }
      },
    };
  },
};
