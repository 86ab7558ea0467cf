import { compilePattern, mixTracks, type CompiledTrack, type EvalContext } from '../evaluate.js';
import type { Pattern, TrackOutput } from '../model.js';

/** Options of {@link renderPatternSvg}. */
export interface PreviewOptions {
  /** Message gap of the imagined toy in ms: send slots are marked and sampled (default 75, BLE). */
  gapMs?: number;
  /** Steps of the imagined outputs (default 20, like many vibrators). */
  steps?: number;
  /** How much to draw, in ms (default the pattern's length, at most 10 s for endless ones). */
  durationMs?: number;
  /** Image width in px (default 800). */
  width?: number;
  /** Height of one lane in px (default 90). */
  laneHeight?: number;
}

interface Lane {
  label: string;
  output: TrackOutput;
  tracks: CompiledTrack[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (n: number) => (Math.round(n * 10) / 10).toString();

/** One lane per output kind and motor the pattern drives, in track order. */
function lanesOf(tracks: readonly CompiledTrack[]): Lane[] {
  const lanes: Lane[] = [];
  for (const t of tracks) {
    const output = t.source.output ?? 'intensity';
    const label = `${output}${t.source.motor !== undefined ? ` · motor ${t.source.motor}` : ''}`;
    let lane = lanes.find((l) => l.label === label);
    if (!lane) lanes.push((lane = { label, output, tracks: [] }));
    lane.tracks.push(t);
  }
  // Tracks for all motors also play on each numbered motor lane.
  for (const lane of lanes)
    if (lane.label.includes('motor'))
      for (const t of tracks)
        if (
          (t.source.output ?? 'intensity') === lane.output &&
          t.source.motor === undefined &&
          !lane.tracks.includes(t)
        )
          lane.tracks.unshift(t);
  return lanes;
}

/**
 * Where a stroker would be: at each slot the engine sends a move to the value the pattern reaches
 * at its next keyframe, arriving on time; the toy moves linearly from wherever it is.
 */
function movesPath(
  lane: Lane,
  p: ReturnType<typeof compilePattern>,
  span: number,
  gap: number,
  steps: number,
  x: (ms: number) => number,
  y: (v: number) => number,
  valueAt: (lane: Lane, t: number) => number | undefined,
): string {
  let from = { t: 0, v: valueAt(lane, 0) ?? 0 };
  let to = { ...from };
  const posAt = (t: number) =>
    t >= to.t || to.t === from.t ? to.v : from.v + ((to.v - from.v) * (t - from.t)) / (to.t - from.t);
  const points: string[] = [`${f(x(0))},${f(y(from.v))}`];
  for (let t = 0; t <= span; t += gap) {
    const pt = (t + gap) * p.timeScale;
    const iter =
      Number.isFinite(p.iterationMs) && p.iterationMs > 0
        ? Math.floor(pt / p.iterationMs) * p.iterationMs
        : 0;
    let next: number | undefined;
    for (const tr of lane.tracks) {
      const b = tr.nextBreak(pt - iter);
      if (b !== undefined && (next === undefined || b < next)) next = b;
    }
    if (next === undefined) continue;
    const arrive = (iter + next) / p.timeScale;
    const target = Math.round((valueAt(lane, arrive - 1e-6) ?? to.v) * steps) / steps;
    if (target === to.v) continue;
    const start = t + gap; // the command lands one gap later
    const here = posAt(start);
    points.push(`${f(x(Math.min(start, span)))},${f(y(here))}`);
    from = { t: start, v: here };
    to = { t: Math.max(arrive, start), v: target };
    if (to.t <= span) points.push(`${f(x(to.t))},${f(y(to.v))}`);
  }
  points.push(`${f(x(span))},${f(y(posAt(span)))}`);
  return `M${points.join('L')}`;
}

/**
 * Draws a pattern as SVG text: per lane the pattern's curve (thin), what a toy with the given gap
 * and steps would receive (thick steps, sent one gap ahead as the engine does), and a tick at
 * every send slot. Runtime-agnostic: returns a string.
 */
export function renderPatternSvg(pattern: Pattern, options: PreviewOptions = {}): string {
  const p = compilePattern(pattern);
  const gap = Math.max(1, options.gapMs ?? 75);
  const steps = Math.max(1, options.steps ?? 20);
  const total = p.iterationMs * p.iterations;
  const span = Math.max(1, options.durationMs ?? (Number.isFinite(total) ? total / p.timeScale : 10_000));
  const width = options.width ?? 800;
  const laneH = options.laneHeight ?? 90;
  const left = 150;
  const plotW = width - left - 45;
  const lanes = lanesOf(p.tracks);
  const top = 30;
  const height = top + lanes.length * (laneH + 20) + 30;
  const x = (ms: number) => left + (ms / span) * plotW;
  // Widened like the engine does: one slot plus one 4 ms evaluation tick.
  const ctx: EvalContext = { slotMs: (gap + 4) * p.timeScale, minLevel: 1 / steps };
  // Pattern value at clock ms `t` (pattern time runs timeScale times faster).
  const valueAt = (lane: Lane, t: number): number | undefined => {
    const pt = t * p.timeScale;
    if (pt >= total) return undefined;
    const it = Number.isFinite(p.iterationMs) && p.iterationMs > 0 ? pt % p.iterationMs : pt;
    const v = mixTracks(lane.tracks, lane.output === 'intensity' ? 'Vibrate' : lane.output, it, ctx);
    return v === undefined ? undefined : lane.output.includes('Position') ? v : v * p.gain;
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(pattern.name ?? 'pattern')} — ${f(span)} ms, sends every ${gap} ms, ${steps} steps</text>`,
  ];
  lanes.forEach((lane, i) => {
    const y0 = top + i * (laneH + 20);
    const signed = lane.output === 'Rotate';
    const y = (v: number) => (signed ? y0 + laneH / 2 - (v * laneH) / 2 : y0 + laneH - v * laneH);
    out.push(
      `<g class="lane" data-output="${esc(lane.output)}">`,
      `<rect x="${left}" y="${y0}" width="${plotW}" height="${laneH}" fill="#f4f6fa" stroke="#c8cdd8"/>`,
      `<text x="10" y="${y0 + laneH / 2 + 4}">${esc(lane.label)}</text>`,
    );
    if (signed)
      out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(0)}" y2="${y(0)}" stroke="#c8cdd8"/>`);
    // Send slots.
    const ticks: string[] = [];
    for (let t = 0; t <= span; t += gap) ticks.push(`M${f(x(t))} ${y0 + laneH}v6`);
    out.push(`<path class="slots" d="${ticks.join('')}" stroke="#8a93a6" stroke-width="1"/>`);
    // The pattern's own curve, sampled finely.
    const pts: string[] = [];
    const dt = span / plotW;
    for (let t = 0; t <= span; t += dt) pts.push(`${f(x(t))},${f(y(valueAt(lane, t) ?? 0))}`);
    out.push(
      `<polyline class="curve" points="${pts.join(' ')}" fill="none" stroke="#7aa7e6" stroke-width="1"/>`,
    );
    if (lane.output === 'HwPositionWithDuration') {
      out.push(
        `<path class="sent" d="${movesPath(lane, p, span, gap, steps, x, y, valueAt)}" fill="none" stroke="#d2452f" stroke-width="2"/>`,
        `</g>`,
      );
      return;
    }
    // What the toy receives: one value per slot, looked ahead by one gap, quantized.
    let d = '';
    let last: number | undefined;
    for (let t = 0; t <= span; t += gap) {
      const v = valueAt(lane, t + gap) ?? 0;
      const q = Math.round(v * steps) / steps;
      if (last === undefined) d += `M${f(x(t))} ${f(y(q))}`;
      else if (q !== last) d += `H${f(x(t))}V${f(y(q))}`;
      last = q;
    }
    d += `H${f(x(span))}`;
    out.push(`<path class="sent" d="${d}" fill="none" stroke="#d2452f" stroke-width="2"/>`, `</g>`);
  });
  const axisY = top + lanes.length * (laneH + 20) + 5;
  for (let i = 0; i <= 4; i++) {
    const t = (span * i) / 4;
    out.push(`<text x="${f(x(t))}" y="${axisY + 12}" text-anchor="middle">${f(t)} ms</text>`);
  }
  out.push(`</svg>`);
  return out.join('\n');
}
