import { OUTPUT_TYPES, PlugkitError } from '../protocol/index.js';
import type {
  Ease,
  Envelope,
  Keyframe,
  KeyframeTrack,
  TransientTrack,
  LoopCount,
  Pattern,
  Track,
  TrackCommon,
  Transient,
  Waveform,
} from './model.js';

const bad = (path: string, message: string): PlugkitError =>
  new PlugkitError('INVALID_ARGUMENT', 'BadPattern', `pattern ${path || '(root)'}: ${message}`);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw bad(path, `must be an object; got ${show(v)}.`);
  return v;
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw bad(path, `must be an array; got ${show(v)}.`);
  return v;
}
function num(v: unknown, path: string, min: number, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(path, `must be a number; got ${show(v)}.`);
  if (v < min || v > max)
    throw bad(path, `must be ${max === Infinity ? `at least ${min}` : `from ${min} to ${max}`}; got ${v}.`);
  return v;
}
function optNum(o: Obj, key: string, path: string, min: number, max = Infinity): number | undefined {
  return o[key] === undefined ? undefined : num(o[key], join(path, key), min, max);
}
function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T))
    throw bad(path, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${show(v)}.`);
  return v as T;
}
/** Unknown keys are refused so a typo (`"keyframe"`) does not silently do nothing. */
function only(o: Obj, path: string, keys: readonly string[]): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k)) throw bad(join(path, k), `is not a known field (known: ${keys.join(', ')}).`);
}
function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function loop(v: unknown, path: string): LoopCount | undefined {
  if (v === undefined) return undefined;
  if (v === 'forever') return v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw bad(path, `must be a whole number ≥ 1 or "forever"; got ${show(v)}.`);
  return v;
}

const EASES = ['linear', 'step', 'easeIn', 'easeOut', 'easeInOut', 'sine'] as const;
function ease(v: unknown, path: string): Ease | undefined {
  if (v === undefined) return undefined;
  if (isObj(v)) {
    only(v, path, ['cubicBezier']);
    const pts = arr(v['cubicBezier'], `${path}.cubicBezier`);
    if (pts.length !== 4)
      throw bad(`${path}.cubicBezier`, `must hold 4 numbers [x1, y1, x2, y2]; got ${pts.length}.`);
    const [x1, y1, x2, y2] = pts.map((p, i) =>
      num(p, `${path}.cubicBezier[${i}]`, i % 2 === 0 ? 0 : -Infinity, i % 2 === 0 ? 1 : Infinity),
    ) as [number, number, number, number];
    return { cubicBezier: [x1, y1, x2, y2] };
  }
  return oneOf(v, path, EASES);
}

function keyframes(v: unknown, path: string, min: number, max: number): Keyframe[] {
  const list = arr(v, path);
  if (list.length === 0) throw bad(path, 'needs at least one keyframe.');
  let last = -Infinity;
  return list.map((k, i) => {
    const p = `${path}[${i}]`;
    const o = obj(k, p);
    only(o, p, ['at', 'value', 'ease']);
    const at = num(o['at'], `${p}.at`, 0);
    if (at < last)
      throw bad(`${p}.at`, `must not be earlier than the keyframe before it (${last}); got ${at}.`);
    last = at;
    const out: Keyframe = { at, value: num(o['value'], `${p}.value`, min, max) };
    set(out, 'ease', ease(o['ease'], `${p}.ease`));
    return out;
  });
}

function envelope(v: unknown, path: string): Envelope | undefined {
  if (v === undefined) return undefined;
  const o = obj(v, path);
  only(o, path, ['attack', 'decay', 'sustain', 'release']);
  const e: Envelope = {};
  set(e, 'attack', optNum(o, 'attack', path, 0));
  set(e, 'decay', optNum(o, 'decay', path, 0));
  set(e, 'sustain', optNum(o, 'sustain', path, 0, 1));
  set(e, 'release', optNum(o, 'release', path, 0));
  return e;
}

function waveform(v: unknown, path: string, lo: number): Waveform {
  const o = obj(v, path);
  only(o, path, [
    'shape',
    'frequency',
    'duration',
    'amplitude',
    'min',
    'duty',
    'phase',
    'envelope',
    'frequencyKeyframes',
    'seed',
  ]);
  const w: Waveform = {
    shape: oneOf(o['shape'], `${path}.shape`, ['sine', 'square', 'triangle', 'saw', 'noise'] as const),
    frequency: num(o['frequency'], `${path}.frequency`, 0, 1000),
    duration: num(o['duration'], `${path}.duration`, 0),
  };
  set(w, 'amplitude', optNum(o, 'amplitude', path, lo, 1));
  set(w, 'min', optNum(o, 'min', path, lo, 1));
  set(w, 'duty', optNum(o, 'duty', path, 0, 1));
  set(w, 'phase', optNum(o, 'phase', path, 0, 1));
  set(w, 'envelope', envelope(o['envelope'], `${path}.envelope`));
  if (o['frequencyKeyframes'] !== undefined)
    w.frequencyKeyframes = keyframes(o['frequencyKeyframes'], `${path}.frequencyKeyframes`, 0, 1000);
  set(w, 'seed', optNum(o, 'seed', path, -Infinity));
  return w;
}

function transients(v: unknown, path: string): Transient[] {
  let last = -Infinity;
  return arr(v, path).map((t, i) => {
    const p = `${path}[${i}]`;
    const o = obj(t, p);
    only(o, p, ['at', 'value', 'duration']);
    const at = num(o['at'], `${p}.at`, 0);
    if (at < last) throw bad(`${p}.at`, `must not be earlier than the hit before it (${last}); got ${at}.`);
    last = at;
    const out: Transient = { at, value: num(o['value'], `${p}.value`, 0, 1) };
    set(out, 'duration', optNum(o, 'duration', p, 1));
    return out;
  });
}

const COMMON = ['output', 'motor', 'offset', 'loop', 'gain', 'blend'] as const;

function track(v: unknown, path: string): Track {
  const o = obj(v, path);
  const common: TrackCommon = {};
  if (o['output'] !== undefined)
    common.output = oneOf(o['output'], `${path}.output`, ['intensity', ...OUTPUT_TYPES] as const);
  if (o['motor'] !== undefined) {
    const m = num(o['motor'], `${path}.motor`, 0);
    if (!Number.isInteger(m)) throw bad(`${path}.motor`, `must be a whole number; got ${m}.`);
    common.motor = m;
  }
  set(common, 'offset', optNum(o, 'offset', path, 0));
  set(common, 'loop', loop(o['loop'], `${path}.loop`));
  set(common, 'gain', optNum(o, 'gain', path, 0, 10));
  if (o['blend'] !== undefined)
    common.blend = oneOf(o['blend'], `${path}.blend`, ['max', 'sum', 'multiply'] as const);
  // Rotation is signed; everything else is 0..1.
  const lo = common.output === 'Rotate' ? -1 : 0;
  const kinds = ['keyframes', 'waveform', 'transients', 'sequence'].filter((k) => o[k] !== undefined);
  if (kinds.length !== 1)
    throw bad(
      path,
      kinds.length === 0
        ? 'needs one of "keyframes", "waveform", "transients" or "sequence".'
        : `has both "${kinds[0]}" and "${kinds[1]}"; put them in separate tracks.`,
    );
  switch (kinds[0]) {
    case 'keyframes': {
      only(o, path, [...COMMON, 'keyframes', 'duration']);
      const t: KeyframeTrack = {
        ...common,
        keyframes: keyframes(o['keyframes'], `${path}.keyframes`, lo, 1),
      };
      set(t, 'duration', optNum(o, 'duration', path, 0));
      return t;
    }
    case 'waveform':
      only(o, path, [...COMMON, 'waveform']);
      return { ...common, waveform: waveform(o['waveform'], `${path}.waveform`, lo) };
    case 'transients': {
      only(o, path, [...COMMON, 'transients', 'holdMs', 'duration']);
      const t: TransientTrack = { ...common, transients: transients(o['transients'], `${path}.transients`) };
      set(t, 'holdMs', optNum(o, 'holdMs', path, 0));
      set(t, 'duration', optNum(o, 'duration', path, 0));
      return t;
    }
    default: {
      only(o, path, [...COMMON, 'sequence']);
      const children = arr(o['sequence'], `${path}.sequence`).map((c, i) =>
        track(c, `${path}.sequence[${i}]`),
      );
      return { ...common, sequence: children };
    }
  }
}

/**
 * Checks a pattern (a parsed JSON value or JSON text) and returns it as a {@link Pattern}.
 * Throws a `PlugkitError` (INVALID_ARGUMENT, reason `BadPattern`) whose message names the JSON
 * path of the first bad field, e.g. `pattern tracks[0].keyframes[2].at: must be a number`.
 */
export function parsePattern(json: unknown): Pattern {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new PlugkitError(
        'INVALID_ARGUMENT',
        'BadPattern',
        `pattern is not valid JSON: ${(err as Error).message}`,
      );
    }
  }
  const o = obj(value, '');
  only(o, '', ['$schema', 'version', 'name', 'tracks', 'timeScale', 'gain', 'loop']);
  if (o['version'] !== 1)
    throw bad('version', `must be 1 (the only version this SDK reads); got ${show(o['version'])}.`);
  if (o['name'] !== undefined && typeof o['name'] !== 'string')
    throw bad('name', `must be a string; got ${show(o['name'])}.`);
  const tracks = arr(o['tracks'], 'tracks').map((t, i) => track(t, `tracks[${i}]`));
  const p: Pattern = { version: 1, tracks };
  set(p, 'name', o['name'] as string | undefined);
  const ts = optNum(o, 'timeScale', '', 0.01, 100);
  set(p, 'timeScale', ts);
  set(p, 'gain', optNum(o, 'gain', '', 0, 10));
  set(p, 'loop', loop(o['loop'], 'loop'));
  return p;
}
