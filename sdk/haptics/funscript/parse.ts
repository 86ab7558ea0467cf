import { PlugkitError } from '../../protocol/errors.js';
import { axisFromName, type AxisId } from './axes.js';

/** One funscript action: be at `pos` (0..100) at media time `at` (ms). */
export interface FunscriptAction {
  at: number;
  pos: number;
}

/** One keyframe of a normalized track: be at `value` (0..1) at media time `at` (ms). */
export interface ScriptKeyframe {
  at: number;
  value: number;
}

/** One axis of a script after `inverted` and `range` are applied. */
export interface ScriptTrack {
  axis: AxisId;
  /** Keyframes sorted by strictly increasing `at`, values 0..1. */
  keyframes: readonly ScriptKeyframe[];
  /** The metadata of the file (or sub-track) this track came from. */
  metadata: Readonly<Record<string, unknown>>;
}

/** A parsed funscript: its fields as written plus normalized tracks per axis. */
export interface Funscript {
  /** `version` as written (default "1.0"). */
  version: string;
  /** Positions are flipped (p → 100 − p) when true. */
  inverted: boolean;
  /** Percent of the full range the script uses, centred (default 100; launchcontrol-era files say 90). */
  range: number;
  /** The stroke (root) actions exactly as written (after documented repairs, if asked for). */
  actions: readonly FunscriptAction[];
  /** `metadata` as written, kept whole (title, creator, chapters, bookmarks…). */
  metadata: Readonly<Record<string, unknown>>;
  /**
   * Normalized tracks by axis: `L0` from the root actions (when there are any), plus the
   * single-file multi-axis variants `axes: [{id, actions}]`, `tracks: {name: {actions}}` and
   * `channels: {name: {actions}}`. Tracks with unknown names are ignored.
   */
  tracks: Readonly<Partial<Record<AxisId, ScriptTrack>>>;
}

/** Options of {@link parseFunscript}. */
export interface ParseFunscriptOptions {
  /**
   * Repair instead of rejecting, where a repair is unambiguous (default false):
   * actions out of time order are sorted; of actions sharing one `at` the last one is kept;
   * positions outside 0..100 are clamped. Non-numbers, negative times and a missing
   * `actions` array are always rejected.
   */
  repair?: boolean;
  /** Name used at the front of JSON paths in error messages (default `$`; e.g. a file name). */
  source?: string;
}

const bad = (path: string, what: string): PlugkitError =>
  new PlugkitError('INVALID_ARGUMENT', 'BadFunscript', `Funscript ${path}: ${what}.`);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: unknown, path: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw bad(path, `must be a number; got ${JSON.stringify(v)}`);
  return v;
};

/** Checks (or repairs) one action list; returns actions sorted by strictly increasing `at`. */
function readActions(v: unknown, path: string, repair: boolean): FunscriptAction[] {
  if (!Array.isArray(v)) throw bad(path, 'must be an array of {at, pos} actions');
  const out: FunscriptAction[] = [];
  v.forEach((a: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(a)) throw bad(p, 'must be an object {at, pos}');
    const at = num(a['at'], `${p}.at`);
    let pos = num(a['pos'], `${p}.pos`);
    if (at < 0) throw bad(`${p}.at`, `must be ≥ 0 ms; got ${at}`);
    if (pos < 0 || pos > 100) {
      if (!repair)
        throw bad(`${p}.pos`, `must be from 0 to 100; got ${pos} (parse with repair: true to clamp)`);
      pos = Math.min(100, Math.max(0, pos));
    }
    out.push({ at, pos });
  });
  if (repair) {
    // Stable sort, then keep the last action of each time (the author's later edit wins).
    const sorted = out.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
    const kept: FunscriptAction[] = [];
    for (const { a } of sorted) {
      if (kept.length > 0 && kept[kept.length - 1]!.at === a.at) kept[kept.length - 1] = a;
      else kept.push(a);
    }
    return kept;
  }
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!.at;
    const at = out[i]!.at;
    if (at === prev)
      throw bad(
        `${path}[${i}].at`,
        `duplicates the time of ${path}[${i - 1}] (${at} ms); parse with repair: true to keep the last`,
      );
    if (at < prev)
      throw bad(
        `${path}[${i}].at`,
        `${at} ms comes before ${path}[${i - 1}] (${prev} ms); actions must be sorted (repair: true sorts them)`,
      );
  }
  return out;
}

const normalize = (actions: readonly FunscriptAction[], inverted: boolean, range: number): ScriptKeyframe[] =>
  actions.map(({ at, pos }) => {
    const v = (inverted ? 100 - pos : pos) / 100;
    return { at, value: 0.5 + (v - 0.5) * (range / 100) };
  });

/**
 * Parses a funscript (a JSON string or an already parsed value). Unsorted or duplicate times,
 * positions outside 0..100 and non-numbers are rejected with a {@link PlugkitError} that names
 * the JSON path (e.g. `$.actions[3].pos`), unless `repair` is set (see {@link ParseFunscriptOptions}).
 *
 * `inverted` flips positions and `range` (percent, centred) scales them in {@link Funscript.tracks};
 * {@link Funscript.actions} stays as written.
 */
export function parseFunscript(json: unknown, options: ParseFunscriptOptions = {}): Funscript {
  const root = options.source ?? '$';
  const repair = options.repair ?? false;
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw bad(root, `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (!isObject(value)) throw bad(root, 'must be a JSON object with an "actions" array');
  const v = value;

  const version = v['version'] === undefined ? '1.0' : v['version'];
  if (typeof version !== 'string' && typeof version !== 'number')
    throw bad(`${root}.version`, `must be a string; got ${JSON.stringify(version)}`);
  const inverted = v['inverted'] ?? false;
  if (typeof inverted !== 'boolean')
    throw bad(`${root}.inverted`, `must be true or false; got ${JSON.stringify(inverted)}`);
  const range = v['range'] === undefined ? 100 : num(v['range'], `${root}.range`);
  if (range < 0 || range > 100) throw bad(`${root}.range`, `must be from 0 to 100 (percent); got ${range}`);
  const metadata = v['metadata'] ?? {};
  if (!isObject(metadata)) throw bad(`${root}.metadata`, 'must be an object');

  const hasSubTracks = v['axes'] !== undefined || v['tracks'] !== undefined || v['channels'] !== undefined;
  if (v['actions'] === undefined && !hasSubTracks) throw bad(`${root}.actions`, 'is missing');
  const actions = v['actions'] === undefined ? [] : readActions(v['actions'], `${root}.actions`, repair);

  const tracks: Partial<Record<AxisId, ScriptTrack>> = {};
  const add = (axis: AxisId, list: FunscriptAction[], meta: Record<string, unknown>, path: string) => {
    if (tracks[axis]) throw bad(path, `drives axis ${axis} a second time`);
    tracks[axis] = { axis, keyframes: normalize(list, inverted, range), metadata: meta };
  };
  if (actions.length > 0) add('L0', actions, metadata, `${root}.actions`);

  if (v['axes'] !== undefined) {
    const axes = v['axes'];
    if (!Array.isArray(axes)) throw bad(`${root}.axes`, 'must be an array of {id, actions}');
    axes.forEach((a: unknown, i) => {
      const p = `${root}.axes[${i}]`;
      if (!isObject(a)) throw bad(p, 'must be an object {id, actions}');
      if (typeof a['id'] !== 'string') throw bad(`${p}.id`, 'must be an axis name such as "R0"');
      const axis = axisFromName(a['id']);
      if (!axis) return; // unknown axes are skipped, as the multi-axis conventions ask
      add(axis, readActions(a['actions'], `${p}.actions`, repair), metadata, p);
    });
  }
  for (const key of ['tracks', 'channels'] as const) {
    if (v[key] === undefined) continue;
    const group = v[key];
    if (!isObject(group)) throw bad(`${root}.${key}`, 'must be an object of {name: {actions}}');
    for (const [name, t] of Object.entries(group)) {
      const p = `${root}.${key}.${name}`;
      const axis = axisFromName(name);
      if (!axis) continue;
      if (!isObject(t)) throw bad(p, 'must be an object {actions}');
      const meta = t['metadata'] === undefined ? metadata : t['metadata'];
      if (!isObject(meta)) throw bad(`${p}.metadata`, 'must be an object');
      add(axis, readActions(t['actions'], `${p}.actions`, repair), meta, p);
    }
  }
  return { version: String(version), inverted, range, actions, metadata, tracks };
}
