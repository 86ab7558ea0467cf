/** `npm run serve` (scripts/serve.mjs): with nothing changed since the last build it serves at once, without rebuilding. */
import { spawn } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { until } from '../support/until.js';

describe.skipIf(!existsSync('dist/.built'))('scripts/serve.mjs', () => {
  it('does not rebuild when no source is newer than the last build', async () => {
    // Mark the build as just made: every source is now older than it.
    const now = new Date();
    utimesSync('dist/.built', now, now);
    const child = spawn(
      process.execPath,
      ['scripts/serve.mjs', '--websocket-port', '0', '--simulate', 'Massage Demo', '--log', 'warn'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await until(() => /listening on ws:\/\/127\.0\.0\.1:\d+/.test(out), 'the ready line', 15_000);
      expect(err).not.toMatch(/building/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped: all devices stopped/);
  }, 30_000);
});
