import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePattern, renderPatternSvg } from '../../../sdk/index.js';
import { patternPreview } from '../../../server-embedded/cli/pattern-preview.js';

const dir = mkdtempSync(join(tmpdir(), 'plugkit-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const docs = new URL('../../../docs/patterns/', import.meta.url);

describe('pattern preview', () => {
  it('draws one lane per output kind and marks every send slot of the gap', () => {
    const p = parsePattern(readFileSync(new URL('stroke-and-buzz.json', docs), 'utf8'));
    const svg = renderPatternSvg(p, { gapMs: 100 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect([...svg.matchAll(/data-output="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'HwPositionWithDuration',
      'intensity',
      'Rotate',
    ]);
    // 2400 ms at 100 ms slots: 25 ticks (0..2400) per lane.
    const slots = svg.match(/class="slots" d="([^"]+)"/)![1]!;
    expect(slots.match(/M/g)).toHaveLength(25);
  });

  it('the received line holds between slots: a 1 s ramp at a 250 ms gap has at most 5 levels', () => {
    const ramp = parsePattern({
      version: 1,
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0 },
            { at: 1000, value: 1 },
          ],
        },
      ],
    });
    const sent = renderPatternSvg(ramp, { gapMs: 250 }).match(/class="sent" d="([^"]+)"/)![1]!;
    expect((sent.match(/V/g) ?? []).length).toBeLessThanOrEqual(4);
  });

  it('writes SVG and PNG files, and names the file and field of a bad pattern', async () => {
    await patternPreview({
      file: new URL('heartbeat.json', docs).pathname,
      out: join(dir, 'h.svg'),
      gapMs: 50,
    });
    expect(readFileSync(join(dir, 'h.svg'), 'utf8')).toMatch(/^<svg/);
    await patternPreview({ file: new URL('heartbeat.json', docs).pathname, out: join(dir, 'h.png') });
    expect([...readFileSync(join(dir, 'h.png')).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ version: 1, tracks: [{ keyframes: [{ at: -1, value: 0 }] }] }),
    );
    await expect(patternPreview({ file: join(dir, 'bad.json'), out: join(dir, 'x.svg') })).rejects.toThrow(
      /bad\.json: pattern tracks\[0\]\.keyframes\[0\]\.at: must be at least 0/,
    );
    await expect(patternPreview({ file: join(dir, 'bad.json'), out: join(dir, 'x.gif') })).rejects.toThrow(
      /\.svg or \.png/,
    );
  });
});
