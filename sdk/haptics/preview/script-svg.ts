import { PlugkitError } from '../../protocol/errors.js';
import type { AxisId } from '../funscript/axes.js';
import type { Funscript, ScriptKeyframe } from '../funscript/parse.js';
import { vibrationAt, vibrationModeOf, type VibrationMode } from '../sync/stroke-to-vibration.js';

/** Options of {@link renderScriptSvg}. */
export interface ScriptPreviewOptions {
  /**
   * How the stroke becomes vibration in the lower lane (default: the mode the script's metadata
   * names, else `speed`, as sync does).
   */
  vibrationMode?: VibrationMode;
  /** Speed that maps to full intensity, in full ranges per second (default 4, as sync). */
  fullSpeed?: number;
  /** Which track to draw (default `L0`, the stroke). */
  axis?: AxisId;
  /** How much to draw, in ms (default up to the last action). */
  durationMs?: number;
  /** Image width in px (default 800). */
  width?: number;
  /** Height of one lane in px (default 90). */
  laneHeight?: number;
  /** Title line (default the script's `metadata.title`, else "funscript"). */
  title?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * Times at which to sample the vibration: a grid one pixel apart plus both sides of every point
 * where a mode's level jumps (each action, and each stroke's middle for `half-duration`), so
 * steps stay vertical instead of slanting over a pixel.
 */
function sampleTimes(keyframes: readonly ScriptKeyframe[], span: number, dt: number): number[] {
  const times = new Set<number>();
  for (let t = 0; t <= span; t += dt) times.add(t);
  times.add(span);
  const edge = (t: number) => {
    if (t < 0 || t > span) return;
    times.add(Math.max(0, t - 1e-3));
    times.add(t);
  };
  keyframes.forEach((k, i) => {
    edge(k.at);
    const next = keyframes[i + 1];
    if (next) edge((k.at + next.at) / 2);
  });
  return [...times].sort((a, b) => a - b);
}

/**
 * Draws a script as SVG text: the upper lane is the track's position over time (a point per
 * action, straight between them, as a stroker travels), the lower lane the vibration level the
 * chosen stroke→vibration mode gives a toy that cannot stroke (what sync sends it). Runtime-
 * agnostic: returns a string. Throws a `PlugkitError` when the script has no such track.
 */
export function renderScriptSvg(script: Funscript, options: ScriptPreviewOptions = {}): string {
  const axis = options.axis ?? 'L0';
  const track = script.tracks[axis];
  if (!track || track.keyframes.length === 0)
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'NoTrack',
      `renderScriptSvg: the script has no actions on axis ${axis} (tracks: ${Object.keys(script.tracks).join(', ') || 'none'}).`,
    );
  const keyframes = track.keyframes;
  const mode = options.vibrationMode ?? vibrationModeOf(script.metadata) ?? 'speed';
  const fullSpeed = options.fullSpeed ?? 4;
  const span = Math.max(1, options.durationMs ?? keyframes.at(-1)!.at);
  const width = options.width ?? 800;
  const laneH = options.laneHeight ?? 90;
  const left = 150;
  const plotW = width - left - 45;
  const top = 30;
  const height = top + 2 * (laneH + 20) + 30;
  const x = (ms: number) => left + (Math.min(ms, span) / span) * plotW;
  const title =
    options.title ?? (typeof script.metadata['title'] === 'string' ? script.metadata['title'] : 'funscript');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(title)} — ${f(span)} ms, ${keyframes.length} actions, vibration mode ${mode}</text>`,
  ];
  const lane = (i: number, kind: string, label: string) => {
    const y0 = top + i * (laneH + 20);
    out.push(
      `<g class="lane" data-lane="${kind}">`,
      `<rect x="${left}" y="${y0}" width="${plotW}" height="${laneH}" fill="#f4f6fa" stroke="#c8cdd8"/>`,
      `<text x="10" y="${y0 + laneH / 2 + 4}">${esc(label)}</text>`,
    );
    return (v: number) => y0 + laneH - v * laneH;
  };

  // Position: the actions themselves, joined as the stroker travels between them.
  const yPos = lane(0, 'position', `position · ${axis}`);
  const shown = keyframes.filter((k) => k.at <= span);
  const cut = keyframes[shown.length];
  const points = shown.map((k) => `${f(x(k.at))},${f(yPos(k.value))}`);
  // Drawn up to the edge when the duration ends mid-stroke.
  if (cut && shown.length > 0) {
    const a = shown.at(-1)!;
    points.push(
      `${f(x(span))},${f(yPos(a.value + ((cut.value - a.value) * (span - a.at)) / (cut.at - a.at)))}`,
    );
  }
  out.push(
    `<polyline class="actions" points="${points.join(' ')}" fill="none" stroke="#7aa7e6" stroke-width="2"/>`,
    ...shown.map((k) => `<circle cx="${f(x(k.at))}" cy="${f(yPos(k.value))}" r="2.5" fill="#2f5fb3"/>`),
    `</g>`,
  );

  // Vibration: the level sync sends a vibrator for this stroke, at rate 1.
  const yVib = lane(1, 'vibration', `vibration · ${mode}`);
  const vib = sampleTimes(keyframes, span, span / plotW).map(
    (t) => `${f(x(t))},${f(yVib(vibrationAt(keyframes, t, { mode, fullSpeed }) ?? 0))}`,
  );
  out.push(
    `<polyline class="vibration" points="${vib.join(' ')}" fill="none" stroke="#d2452f" stroke-width="2"/>`,
    `</g>`,
  );

  const axisY = top + 2 * (laneH + 20) + 5;
  for (let i = 0; i <= 4; i++) {
    const t = (span * i) / 4;
    out.push(`<text x="${f(x(t))}" y="${axisY + 12}" text-anchor="middle">${f(t)} ms</text>`);
  }
  out.push(`</svg>`);
  return out.join('\n');
}
