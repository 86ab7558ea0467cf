import type { Keyframe, Pattern, Track, Transient } from '../model.js';
import { parsePattern } from '../parse.js';
import { importError, ms, reader } from './fields.js';

const r = reader('.haptic');

/**
 * Converts a Lofelt / Meta Haptics Studio `.haptic` file (JSON text or parsed) into a pattern.
 * The amplitude envelope drives the first intensity motor and its emphasis points become hits;
 * the frequency envelope (× amplitude) drives a second motor where a toy has one. Throws a
 * `PlugkitError` naming the path of the first bad field.
 */
export function importLofelt(source: unknown): Pattern {
  const root = r.obj(r.json(source), '');
  const version = r.obj(root['version'], 'version');
  const major = r.num(version['major'], 'version.major');
  if (major !== 1)
    throw importError(
      '.haptic',
      'version.major',
      `must be 1 (the version this importer reads); got ${major}.`,
    );
  const envelopes = r.obj(
    r.obj(r.obj(root['signals'], 'signals')['continuous'], 'signals.continuous')['envelopes'],
    'signals.continuous.envelopes',
  );
  const amplitude: Keyframe[] = [];
  const hits: Transient[] = [];
  const hitsHigh: Transient[] = [];
  let last = -Infinity;
  const ampList = r.arr(envelopes['amplitude'], 'signals.continuous.envelopes.amplitude');
  ampList.forEach((p, i) => {
    const path = `signals.continuous.envelopes.amplitude[${i}]`;
    const o = r.obj(p, path);
    const at = ms(r.num(o['time'], `${path}.time`, 0));
    if (at <= last) throw importError('.haptic', `${path}.time`, `must be later than the point before it.`);
    last = at;
    const value = r.num(o['amplitude'], `${path}.amplitude`, 0, 1);
    amplitude.push({ at, value });
    if (o['emphasis'] !== undefined) {
      const e = r.obj(o['emphasis'], `${path}.emphasis`);
      const ea = r.num(e['amplitude'], `${path}.emphasis.amplitude`, 0, 1);
      const ef = r.num(e['frequency'], `${path}.emphasis.frequency`, 0, 1);
      hits.push({ at, value: ea });
      hitsHigh.push({ at, value: ea * ef });
    }
  });
  const frequency: Keyframe[] = [];
  if (envelopes['frequency'] !== undefined) {
    last = -Infinity;
    r.arr(envelopes['frequency'], 'signals.continuous.envelopes.frequency').forEach((p, i) => {
      const path = `signals.continuous.envelopes.frequency[${i}]`;
      const o = r.obj(p, path);
      const at = ms(r.num(o['time'], `${path}.time`, 0));
      if (at <= last) throw importError('.haptic', `${path}.time`, `must be later than the point before it.`);
      last = at;
      frequency.push({ at, value: r.num(o['frequency'], `${path}.frequency`, 0, 1) });
    });
  }
  const tracks: Track[] = [];
  if (amplitude.length > 0) {
    tracks.push({ motor: 0, keyframes: amplitude });
    tracks.push({ motor: 1, keyframes: amplitude });
    if (frequency.length > 0)
      tracks.push({ motor: 1, blend: 'multiply', keyframes: frequency, duration: amplitude.at(-1)!.at });
  }
  // Hits (emphasis) after the envelopes: they layer by max, so the motor never dips below the envelope.
  if (hits.length > 0) {
    tracks.push({ motor: 0, transients: hits, holdMs: 0 });
    tracks.push({ motor: 1, transients: hitsHigh, holdMs: 0 });
  }
  return parsePattern({ version: 1, tracks });
}
