import { PlugkitError } from '../../protocol/errors.js';
import { AXIS_IDS, axisFromFileName, type AxisId } from './axes.js';
import { parseFunscript, type Funscript, type ParseFunscriptOptions, type ScriptTrack } from './parse.js';

/** The tracks of one video's scripts, by axis; what sync plays. */
export interface ScriptSet {
  tracks: Partial<Record<AxisId, ScriptTrack>>;
  /** The root script's metadata (the stroke file's, else the first file's). */
  metadata: Readonly<Record<string, unknown>>;
}

/**
 * Builds a script set from files named by the `name.<axis>.funscript` convention (`movie.funscript`
 * = stroke, `movie.twist.funscript` = R0, `movie.R1.funscript` = R1…). Each value is the file's text
 * or parsed JSON. A file may also carry single-file sub-tracks; two files driving one axis are an
 * error naming both.
 */
export function parseScriptSet(
  files: Readonly<Record<string, unknown>>,
  options: Omit<ParseFunscriptOptions, 'source'> = {},
): ScriptSet {
  const tracks: Partial<Record<AxisId, ScriptTrack>> = {};
  const from: Partial<Record<AxisId, string>> = {};
  let metadata: Readonly<Record<string, unknown>> | undefined;
  for (const [name, json] of Object.entries(files)) {
    const script = parseFunscript(json, { ...options, source: name });
    const axis = axisFromFileName(name);
    if (axis === 'L0' || metadata === undefined) metadata = script.metadata;
    for (const [trackAxis, track] of entries(script)) {
      // A suffix file's root actions drive the axis its name says.
      const target = trackAxis === 'L0' ? axis : trackAxis;
      if (tracks[target])
        throw new PlugkitError(
          'INVALID_ARGUMENT',
          'BadFunscript',
          `Script set: ${name} and ${from[target]} both drive axis ${target}; keep one of them.`,
        );
      tracks[target] = { ...track, axis: target };
      from[target] = name;
    }
  }
  return { tracks, metadata: metadata ?? {} };
}

/** A script set of one parsed funscript (its stroke and any single-file sub-tracks). */
export function scriptSetOf(script: Funscript): ScriptSet {
  return { tracks: { ...script.tracks }, metadata: script.metadata };
}

const entries = (s: Funscript): [AxisId, ScriptTrack][] =>
  AXIS_IDS.flatMap((a) => (s.tracks[a] ? [[a, s.tracks[a]] as [AxisId, ScriptTrack]] : []));
