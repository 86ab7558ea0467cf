/**
 * Everything plugkit knows about each output kind, one row per kind. Every list of output kinds
 * (the v4 type union, OutputCmd's payload check, the v3 ScalarCmd orders, the stop order, sign
 * rules, config file keys) is derived from this table, so adding an output kind is one new row
 * here (plus the protocol encoders that support it).
 */

/**
 * How values of a kind may be signed:
 * - `unsigned`: 0..N; a negative value is a sign error (Vibrate, Led, …).
 * - `signed`: -N..N where the device has a direction (Rotate, Temperature).
 * - `position`: 0..N; a negative value is out of range (a place, not a direction).
 */
export type OutputSign = 'unsigned' | 'signed' | 'position';

/** The payload an OutputCmd carries for a kind: `{Value}` or `{Value, Duration}`. */
export type OutputShape = 'value' | 'valueWithDuration';

/** One row of {@link OUTPUT_TYPE_TABLE}. */
export interface OutputTypeRow {
  /** The spec v4 name, e.g. `Vibrate`. */
  readonly name: string;
  /** The key naming this kind in device config files (`buttplug-device-config` format). */
  readonly configKey: string;
  readonly sign: OutputSign;
  readonly shape: OutputShape;
  /**
   * Where this kind stands in the reference's per-feature order of v3 ScalarCmd entries
   * (lower first); absent for kinds that are no ScalarCmd actuator.
   */
  readonly scalarRank?: number;
  /**
   * The ActuatorType plugkit's server shows spec v3 clients for this kind; absent for v4-era
   * kinds it keeps out of v3 lists (no v3 client knows them; an unknown ActuatorType can break a
   * strict client's parsing of the whole list).
   */
  readonly v3ActuatorType?: string;
  /** Older v3 ActuatorType spellings accepted for this kind. */
  readonly v3Aliases?: readonly string[];
  /**
   * A stop zeroes one output per feature: the first kind the feature has, by this rank (lower
   * first). Absent for kinds a stop leaves alone (positions: zero is a place, not "off").
   */
  readonly stopRank?: number;
}

/** The output kinds, in spec v4 listing order. */
export const OUTPUT_TYPE_TABLE = [
  {
    name: 'Vibrate',
    configKey: 'vibrate',
    sign: 'unsigned',
    shape: 'value',
    scalarRank: 7,
    v3ActuatorType: 'Vibrate',
    stopRank: 0,
  },
  {
    name: 'Rotate',
    configKey: 'rotate',
    sign: 'signed',
    shape: 'value',
    scalarRank: 5,
    v3ActuatorType: 'Rotate',
    stopRank: 1,
  },
  {
    name: 'Oscillate',
    configKey: 'oscillate',
    sign: 'unsigned',
    shape: 'value',
    scalarRank: 3,
    v3ActuatorType: 'Oscillate',
    stopRank: 2,
  },
  {
    name: 'Constrict',
    configKey: 'constrict',
    sign: 'unsigned',
    shape: 'value',
    scalarRank: 0,
    v3ActuatorType: 'Constrict',
    v3Aliases: ['Inflate'],
    stopRank: 3,
  },
  {
    name: 'Temperature',
    configKey: 'temperature',
    sign: 'signed',
    shape: 'value',
    scalarRank: 1,
    stopRank: 4,
  },
  { name: 'Led', configKey: 'led', sign: 'unsigned', shape: 'value', scalarRank: 2, stopRank: 5 },
  {
    name: 'Position',
    configKey: 'position',
    sign: 'position',
    shape: 'value',
    scalarRank: 4,
    v3ActuatorType: 'Position',
  },
  {
    // v3 drives it with LinearCmd, whose entries say ActuatorType "Position".
    name: 'HwPositionWithDuration',
    configKey: 'hw_position_with_duration',
    sign: 'position',
    shape: 'valueWithDuration',
    v3ActuatorType: 'Position',
  },
  { name: 'Spray', configKey: 'spray', sign: 'unsigned', shape: 'value', scalarRank: 6, stopRank: 6 },
] as const satisfies readonly OutputTypeRow[];

/** One row of {@link OUTPUT_TYPE_TABLE}, with its literal values. */
export type OutputTypeTableRow = (typeof OUTPUT_TYPE_TABLE)[number];

/** An output kind, e.g. `Vibrate`. */
export type OutputType = OutputTypeTableRow['name'];

/** The OutputCmd payload of one kind. */
export type OutputPayload<K extends OutputType> = Extract<
  OutputTypeTableRow,
  { name: K }
>['shape'] extends 'valueWithDuration'
  ? { Value: number; Duration: number }
  : { Value: number };

const rows: readonly OutputTypeRow[] = OUTPUT_TYPE_TABLE;
const names = (pick: (r: OutputTypeRow) => boolean): OutputType[] =>
  rows.filter(pick).map((r) => r.name as OutputType);
const ranked = (rank: (r: OutputTypeRow) => number | undefined): OutputType[] =>
  rows
    .filter((r) => rank(r) !== undefined)
    .sort((a, b) => rank(a)! - rank(b)!)
    .map((r) => r.name as OutputType);

/** Output kinds a feature can have, in spec v4 listing order. */
export const OUTPUT_TYPES: readonly OutputType[] = names(() => true);

/** The table row of a kind. */
export const outputTypeRow = (type: OutputType): OutputTypeRow => rows.find((r) => r.name === type)!;

/** Kinds whose values have no sign; a negative value is a sign error. */
export const UNSIGNED_OUTPUTS: ReadonlySet<OutputType> = new Set(names((r) => r.sign === 'unsigned'));
/** Kinds that take a direction (negative values where the device's range allows). */
export const SIGNED_OUTPUTS: ReadonlySet<OutputType> = new Set(names((r) => r.sign === 'signed'));
/** Kinds whose value is a place (never negative). */
export const POSITION_OUTPUTS: ReadonlySet<OutputType> = new Set(names((r) => r.sign === 'position'));

/** Per-feature order of v3 ScalarCmd entries as the reference advertises them (every kind). */
export const SCALAR_ORDER: readonly OutputType[] = ranked((r) => r.scalarRank);

/**
 * Per-feature order of the ScalarCmd entries plugkit's server advertises to v3 clients: the
 * reference order without the v4-era kinds v3 clients do not know.
 */
export const V3_SCALAR_ORDER: readonly OutputType[] = ranked((r) =>
  r.v3ActuatorType === undefined ? undefined : r.scalarRank,
);

/** Which output a stop zeroes on a feature: the first of these the feature has. */
export const STOP_ORDER: readonly OutputType[] = ranked((r) => r.stopRank);

/** Old v3 ActuatorType spellings and the kind each means (e.g. `Inflate` → `Constrict`). */
export const V3_ACTUATOR_ALIASES: ReadonlyMap<string, OutputType> = new Map(
  rows.flatMap((r) =>
    (r.v3Aliases ?? []).map((alias): [string, OutputType] => [alias, r.name as OutputType]),
  ),
);

/** Config file key → kind (`hw_position_with_duration` → `HwPositionWithDuration`). */
export const OUTPUT_CONFIG_KEYS: Readonly<Record<string, OutputType>> = Object.fromEntries(
  rows.map((r) => [r.configKey, r.name as OutputType]),
);
