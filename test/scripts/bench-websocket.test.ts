/**
 * The WebSocket section of `npm run bench`, run small (BENCH_QUICK): the official client against
 * `plugkit serve` and the no-op server, both real processes. Checks that the section runs and
 * prints figures for both servers — not what the figures are (they are the bench's to report).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run bench, WebSocket section', () => {
  it('prints a row of figures for plugkit serve and for the no-op ceiling', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', 'dist/test/bench/bench.js'], {
      env: { ...process.env, BENCH_QUICK: '1', BENCH_ONLY: 'websocket' },
      timeout: 60_000,
    });
    expect(stdout).not.toContain('section websocket failed');
    const row = (label: string) => stdout.split('\n').find((l) => l.startsWith(`| ${label} |`));
    for (const label of ['plugkit serve', 'no-op server (ceiling)']) {
      const cells = row(label)
        ?.split('|')
        .map((c) => c.trim())
        .slice(1, -1);
      expect(cells, label).toBeDefined();
      // commands/s, median µs, p99 µs: numbers; the note column empty (no failed run).
      expect(Number.parseFloat(cells![1]!), label).toBeGreaterThan(0);
      expect(Number.parseFloat(cells![2]!), label).toBeGreaterThan(0);
      expect(Number.parseFloat(cells![3]!), label).toBeGreaterThan(0);
      expect(cells!.at(-1), label).toBe('');
    }
    expect(row('plugkit serve')).toMatch(/\d\.\d{3}× \(/);
  }, 90_000);
});
