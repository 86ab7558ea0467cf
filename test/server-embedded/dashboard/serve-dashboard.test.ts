/** `plugkit serve --dashboard-port 0` as a real process (dist/): the line it prints, and the page it serves. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/server.js';
import { killAll, requireBuiltCli, runCli } from '../cli/cli-process.js';

beforeAll(requireBuiltCli);
afterEach(killAll);

describe('plugkit serve --dashboard', () => {
  it('prints the dashboard address before "listening on", serves the page from dist, and stops cleanly', async () => {
    const r = runCli([
      'serve',
      '--websocket-port',
      '0',
      '--dashboard-port',
      '0',
      '--simulate',
      'Massage Demo',
    ]);
    await until(() => r.out.some((l) => l.startsWith('listening on')), 15_000);
    const line = r.out.findIndex((l) => l.startsWith('dashboard on'));
    expect(line).toBeGreaterThanOrEqual(0);
    expect(line).toBeLessThan(r.out.findIndex((l) => l.startsWith('listening on')));
    const url = /^dashboard on (http:\/\/127\.0\.0\.1:\d+)$/.exec(r.out[line]!)?.[1];
    expect(url).toBeDefined();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('plugkit dashboard');
    expect((await fetch(`${url}/app.js`)).status).toBe(200);
    r.proc.kill('SIGTERM');
    expect(await r.exit).toBe(0);
  });
});
