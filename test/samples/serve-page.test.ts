/** samples/serve-page.js, the one command behind the browser samples: page server plus plugkit serve. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('samples/serve-page', () => {
  it('serves the sample page and the bundle, runs plugkit serve, and stops both on SIGTERM', async () => {
    const file = 'dist/samples/serve-page.js';
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does it first)`);
    const child = spawn(
      process.execPath,
      [file, 'funscript-player', '--http-port', '0', '--', '--websocket-port', '0', '--dashboard-port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await expect.poll(() => output, { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
      await expect.poll(() => output, { timeout: 5_000 }).toMatch(/open http:\/\/127\.0\.0\.1:\d+\//);
      const page = /open (http:\/\/\S+)/.exec(output)![1]!;
      expect(page).toMatch(/\/samples\/funscript-player\/index\.html$/);
      expect(output).toMatch(/dashboard on http:\/\/127\.0\.0\.1:/);

      const html = await fetch(page);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain('Funscript player');
      const bundle = await fetch(new URL('../../dist/browser/plugkit.mjs', page));
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toBe('text/javascript');
      expect((await fetch(new URL('missing.js', page))).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('stopped: all devices stopped');
  }, 30_000);
});
