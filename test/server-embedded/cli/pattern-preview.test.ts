/** `plugkit pattern preview`: a pattern file becomes an SVG (or PNG); bad input is exit 2 with the JSON path. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../server-embedded/cli/main.js';

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};
const dir = mkdtempSync(join(tmpdir(), 'plugkit-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plugkit pattern preview', () => {
  it('draws the docs heartbeat pattern as SVG with send slots for the given gap', async () => {
    const out = join(dir, 'heartbeat.svg');
    const r = await run(['pattern', 'preview', 'docs/patterns/heartbeat.json', '--out', out, '--gap', '100']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/100 ms/);
  });

  it('writes a PNG when asked (resvg)', async () => {
    const out = join(dir, 'heartbeat.png');
    const r = await run(['pattern', 'preview', 'docs/patterns/heartbeat.json', '--out', out]);
    expect(r.code).toBe(0);
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('names the JSON path of a bad field, exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        tracks: [
          {
            keyframes: [
              { at: 0, value: 0 },
              { at: -5, value: 1 },
            ],
          },
        ],
      }),
    );
    const r = await run(['pattern', 'preview', bad, '--out', join(dir, 'bad.svg')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tracks\[0\]\.keyframes\[1\]\.at/);
    expect(existsSync(join(dir, 'bad.svg'))).toBe(false);
  });

  it('refuses a missing file, a missing --out and a wrong extension with exit 2', async () => {
    expect(
      (await run(['pattern', 'preview', join(dir, 'nope.json'), '--out', join(dir, 'x.svg')])).err,
    ).toMatch(/no such file/);
    expect((await run(['pattern', 'preview', 'docs/patterns/heartbeat.json'])).code).toBe(2);
    const wrong = await run([
      'pattern',
      'preview',
      'docs/patterns/heartbeat.json',
      '--out',
      join(dir, 'x.gif'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/\.svg or \.png/);
  });
});
