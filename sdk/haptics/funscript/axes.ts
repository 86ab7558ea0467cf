/**
 * Multi-axis naming: TCode axis ids (L0–L2, R0–R2, V0–V1, A0–A2), the human names players use
 * for them, and the `name.<axis>.funscript` file naming convention.
 */

/** TCode v0.3 axis ids a script track can drive. */
export const AXIS_IDS = ['L0', 'L1', 'L2', 'R0', 'R1', 'R2', 'V0', 'V1', 'A0', 'A1', 'A2'] as const;
/** One TCode axis id, e.g. `L0` (stroke) or `R1` (roll). */
export type AxisId = (typeof AXIS_IDS)[number];

/** What an axis moves: strokes and rotations are positions, vibration and auxiliaries are levels. */
export type AxisKind = 'linear' | 'rotation' | 'vibration' | 'auxiliary';

/** Facts about one axis. */
export interface AxisInfo {
  id: AxisId;
  kind: AxisKind;
  /** The conventional human name (`stroke`, `surge`, `twist`…). */
  name: string;
  /** Where the axis rests when idle: 0.5 for linear and rotation axes, 0 for levels. */
  rest: number;
}

const info = (id: AxisId, kind: AxisKind, name: string): AxisInfo => ({
  id,
  kind,
  name,
  rest: kind === 'linear' || kind === 'rotation' ? 0.5 : 0,
});

/** Every axis by id. */
export const AXES: Readonly<Record<AxisId, AxisInfo>> = {
  L0: info('L0', 'linear', 'stroke'),
  L1: info('L1', 'linear', 'surge'),
  L2: info('L2', 'linear', 'sway'),
  R0: info('R0', 'rotation', 'twist'),
  R1: info('R1', 'rotation', 'roll'),
  R2: info('R2', 'rotation', 'pitch'),
  V0: info('V0', 'vibration', 'vib'),
  V1: info('V1', 'vibration', 'pump'),
  A0: info('A0', 'auxiliary', 'valve'),
  A1: info('A1', 'auxiliary', 'suck'),
  A2: info('A2', 'auxiliary', 'lube'),
};

// Names seen in players and in the multi-axis RFC; `lube` is A2 in TCode 0.3 (V1 was 0.2's pump).
const NAMES: Record<string, AxisId> = {
  stroke: 'L0',
  up: 'L0',
  main: 'L0',
  surge: 'L1',
  forward: 'L1',
  sway: 'L2',
  left: 'L2',
  twist: 'R0',
  yaw: 'R0',
  roll: 'R1',
  pitch: 'R2',
  vib: 'V0',
  vib0: 'V0',
  vibrate: 'V0',
  vib1: 'V1',
  pump: 'V1',
  valve: 'A0',
  suck: 'A1',
  suction: 'A1',
  lube: 'A2',
};

/**
 * The axis a name stands for: a TCode id (`R1`, case-insensitive) or a human name (`roll`).
 * Undefined for names plugkit does not know (callers ignore such tracks).
 */
export function axisFromName(name: string): AxisId | undefined {
  const token = name.trim().toLowerCase();
  const upper = token.toUpperCase();
  if ((AXIS_IDS as readonly string[]).includes(upper)) return upper as AxisId;
  return NAMES[token];
}

/**
 * The axis a script file drives, from the `name.<axis>.funscript` convention: `movie.funscript`
 * is the stroke (L0), `movie.roll.funscript` is R1, `movie.R2.funscript` is R2. A file whose
 * second-to-last part is not an axis name (e.g. `my.movie.funscript`) is the stroke. Only the
 * last path segment counts, so `/a.b/movie.funscript` works.
 */
export function axisFromFileName(fileName: string): AxisId {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const parts = base.replace(/\.funscript$/i, '').split('.');
  if (parts.length < 2) return 'L0';
  return axisFromName(parts[parts.length - 1]!) ?? 'L0';
}

/** The kind of value a target needs for an axis: a position (strokers) or a level (vibrators). */
export function outputKindOfAxis(axis: AxisId): 'position' | 'intensity' {
  const kind = AXES[axis].kind;
  return kind === 'linear' || kind === 'rotation' ? 'position' : 'intensity';
}
