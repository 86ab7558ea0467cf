import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PlugkitError,
  VIBRATION_MODES,
  parseFunscript,
  renderScriptSvg,
  vibrationAt,
} from '../../../sdk/index.js';

const docs = new URL('../../../docs/', import.meta.url);
const sample = () => parseFunscript(readFileSync(new URL('patterns/sample.funscript', docs), 'utf8'));

/** The [x, y] pairs of a polyline of the given class. */
const polyline = (svg: string, cls: string): [number, number][] =>
  svg
    .match(new RegExp(`class="${cls}" points="([^"]+)"`))![1]!
    .split(' ')
    .map((p) => p.split(',').map(Number) as [number, number]);

// Geometry of the default image: plot from x 150 over 605 px; lanes 90 px high from y 30 and 140.
const left = 150;
const plotW = 605;
const laneH = 90;

describe('script preview', () => {
  it('draws a position lane whose points are the actions and a vibration lane', () => {
    const script = parseFunscript({
      actions: [
        { at: 0, pos: 0 },
        { at: 500, pos: 100 },
        { at: 1000, pos: 50 },
        { at: 2000, pos: 50 },
      ],
    });
    const svg = renderScriptSvg(script);
    expect(svg.startsWith('<svg')).toBe(true);
    expect([...svg.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1])).toEqual(['position', 'vibration']);
    expect(svg).toContain('vibration · speed');
    const points = polyline(svg, 'actions');
    expect(points).toEqual(
      script.actions.map((a) => [
        Math.round((left + (a.at / 2000) * plotW) * 10) / 10,
        30 + laneH - (a.pos / 100) * laneH,
      ]),
    );
  });

  it('the vibration lane is the chosen mode’s level, with vertical steps at the actions', () => {
    const script = sample();
    const track = script.tracks.L0!.keyframes;
    const span = track.at(-1)!.at;
    for (const mode of VIBRATION_MODES) {
      const points = polyline(renderScriptSvg(script, { vibrationMode: mode }), 'vibration');
      expect(points.length).toBeGreaterThan(plotW);
      for (const [px, py] of points) {
        const t = ((px - left) / plotW) * span;
        const level = (140 + laneH - py) / laneH;
        // A pixel's rounding moves t by up to ~0.35 ms; near a step either side may be drawn.
        const near = [t - 0.5, t, t + 0.5].map((s) => vibrationAt(track, s, { mode }) ?? 0);
        expect(
          near.some((v) => Math.abs(v - level) < 0.002),
          `${mode} at ${t} ms: drawn ${level}, levels ${near}`,
        ).toBe(true);
      }
    }
    // Speed mode: the first stroke (full range in 600 ms, 1.67 of 4 ranges/s) holds at 0.42.
    const speed = polyline(renderScriptSvg(script, { vibrationMode: 'speed' }), 'vibration');
    const mid = speed.find(([px]) => px >= left + (300 / span) * plotW)!;
    expect((140 + laneH - mid[1]) / laneH).toBeCloseTo(1000 / 600 / 4, 2);
  });

  it('takes the mode from the script’s metadata, and names a missing axis', () => {
    const script = parseFunscript({
      metadata: { vibration_mode: 'half-duration' },
      actions: [
        { at: 0, pos: 0 },
        { at: 100, pos: 100 },
      ],
    });
    expect(renderScriptSvg(script)).toContain('vibration · half-duration');
    expect(() => renderScriptSvg(script, { axis: 'R0' })).toThrow(PlugkitError);
    expect(() => renderScriptSvg(script, { axis: 'R0' })).toThrow(/no actions on axis R0 \(tracks: L0\)/);
  });

  // The docs' images. PLUGKIT_WRITE_PREVIEWS=1 regenerates them; otherwise they must be current.
  it.each(['speed', 'half-duration'] as const)('docs/haptics-script-%s.svg is up to date', (mode) => {
    const svg = renderScriptSvg(sample(), { vibrationMode: mode }) + '\n';
    const file = new URL(`haptics-script-${mode}.svg`, docs);
    if (process.env['PLUGKIT_WRITE_PREVIEWS'] === '1') writeFileSync(file, svg);
    expect(readFileSync(file, 'utf8')).toBe(svg);
  });
});
