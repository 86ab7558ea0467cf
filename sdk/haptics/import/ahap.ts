import type { Keyframe, Pattern, Track } from '../model.js';
import { parsePattern } from '../parse.js';
import { ms, reader } from './fields.js';

const r = reader('AHAP');

interface Continuous {
  at: number;
  duration: number;
  intensity: number;
  sharpness: number;
  attack: number;
  decay: number;
  release: number;
  sustained: boolean;
}

/** Keyframes of one continuous event's envelope, relative to its start. */
function envelope(e: Continuous, level: number): Keyframe[] {
  const d = e.duration;
  const attack = Math.min(e.attack, d);
  const release = Math.min(e.release, d - attack);
  const keys: Keyframe[] = [{ at: 0, value: attack > 0 ? 0 : level }];
  if (attack > 0) keys.push({ at: attack, value: level });
  if (!e.sustained) {
    // Not sustained: after attack the event fades over its decay (or the rest of its time).
    const fade = e.decay > 0 ? Math.min(attack + e.decay, d) : d;
    keys.push({ at: fade, value: 0 });
    if (fade < d) keys.push({ at: d, value: 0 });
    return keys;
  }
  if (release > 0) keys.push({ at: d - release, value: level });
  keys.push({ at: d, value: release > 0 ? 0 : level });
  return keys;
}

/**
 * Converts an Apple Core Haptics AHAP file (JSON text or parsed) into a pattern. Intensity drives
 * the first intensity motor; sharpness × intensity drives a second motor where a toy has one.
 * Transient events become widened hits; continuous events keep their attack/decay/release
 * envelope; `HapticIntensityControl` parameters and curves scale both motors. Audio events are
 * skipped. Throws a `PlugkitError` naming the path of the first bad field.
 */
export function importAhap(source: unknown): Pattern {
  const root = r.obj(r.json(source), '');
  const entries = r.arr(root['Pattern'], 'Pattern');
  const hits: { at: number; value: number; sharp: number }[] = [];
  const continuous: Continuous[] = [];
  const control: Keyframe[] = [];
  entries.forEach((entry, i) => {
    const path = `Pattern[${i}]`;
    const o = r.obj(entry, path);
    if (o['Event'] !== undefined) {
      const ev = r.obj(o['Event'], `${path}.Event`);
      const type = r.str(ev['EventType'], `${path}.Event.EventType`);
      if (type !== 'HapticTransient' && type !== 'HapticContinuous') return; // audio: not for toys
      const params: Record<string, number> = {};
      const list =
        ev['EventParameters'] === undefined
          ? []
          : r.arr(ev['EventParameters'], `${path}.Event.EventParameters`);
      list.forEach((p, j) => {
        const pp = `${path}.Event.EventParameters[${j}]`;
        const po = r.obj(p, pp);
        params[r.str(po['ParameterID'], `${pp}.ParameterID`)] = r.num(
          po['ParameterValue'],
          `${pp}.ParameterValue`,
        );
      });
      const at = ms(r.num(ev['Time'], `${path}.Event.Time`, 0));
      const clamp = (v: number | undefined, d: number) => Math.min(1, Math.max(0, v ?? d));
      const intensity = clamp(params['HapticIntensity'], 1);
      const sharp = clamp(params['HapticSharpness'], 0.5);
      if (type === 'HapticTransient') hits.push({ at, value: intensity, sharp });
      else
        continuous.push({
          at,
          duration: ms(r.num(ev['EventDuration'], `${path}.Event.EventDuration`, 0, 30)),
          intensity,
          sharpness: sharp,
          attack: ms(Math.max(0, params['AttackTime'] ?? 0)),
          decay: ms(Math.max(0, params['DecayTime'] ?? 0)),
          release: ms(Math.max(0, params['ReleaseTime'] ?? 0)),
          sustained: (params['Sustained'] ?? 1) !== 0,
        });
    } else if (o['Parameter'] !== undefined) {
      const p = r.obj(o['Parameter'], `${path}.Parameter`);
      if (r.str(p['ParameterID'], `${path}.Parameter.ParameterID`) !== 'HapticIntensityControl') return;
      control.push({
        at: ms(r.num(p['Time'], `${path}.Parameter.Time`, 0)),
        value: Math.min(1, Math.max(0, r.num(p['ParameterValue'], `${path}.Parameter.ParameterValue`))),
        ease: 'step',
      });
    } else if (o['ParameterCurve'] !== undefined) {
      const c = r.obj(o['ParameterCurve'], `${path}.ParameterCurve`);
      if (r.str(c['ParameterID'], `${path}.ParameterCurve.ParameterID`) !== 'HapticIntensityControl') return;
      const start = r.num(c['Time'], `${path}.ParameterCurve.Time`, 0);
      r.arr(c['ParameterCurveControlPoints'], `${path}.ParameterCurve.ParameterCurveControlPoints`).forEach(
        (pt, j) => {
          const pp = `${path}.ParameterCurve.ParameterCurveControlPoints[${j}]`;
          const po = r.obj(pt, pp);
          control.push({
            at: ms(start + r.num(po['Time'], `${pp}.Time`, 0)),
            value: Math.min(1, Math.max(0, r.num(po['ParameterValue'], `${pp}.ParameterValue`))),
          });
        },
      );
    }
  });
  const tracks: Track[] = [];
  if (hits.length > 0) {
    hits.sort((a, b) => a.at - b.at);
    tracks.push({ motor: 0, transients: hits.map((h) => ({ at: h.at, value: h.value })) });
    tracks.push({ motor: 1, transients: hits.map((h) => ({ at: h.at, value: h.value * h.sharp })) });
  }
  for (const e of continuous) {
    if (e.duration <= 0) continue;
    tracks.push({ motor: 0, offset: e.at, keyframes: envelope(e, e.intensity) });
    tracks.push({ motor: 1, offset: e.at, keyframes: envelope(e, e.intensity * e.sharpness) });
  }
  if (control.length > 0) {
    control.sort((a, b) => a.at - b.at);
    // Listed last: a multiply track scales the tracks before it. Hold the last value to the end.
    const end = tracks.reduce((m, t) => Math.max(m, trackEnd(t)), 0);
    const first = control[0]!;
    const keys = first.at > 0 ? [{ at: 0, value: 1, ease: 'step' as const }, ...control] : control;
    for (const motor of [0, 1])
      tracks.push({ motor, blend: 'multiply', keyframes: keys, duration: Math.max(end, keys.at(-1)!.at) });
  }
  return parsePattern({ version: 1, tracks });
}

function trackEnd(t: Track): number {
  const off = t.offset ?? 0;
  if ('keyframes' in t) return off + (t.keyframes.at(-1)?.at ?? 0);
  if ('transients' in t) return off + (t.transients.at(-1)?.at ?? 0) + 30;
  return off;
}
