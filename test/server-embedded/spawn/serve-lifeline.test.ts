/**
 * The lifeline and port-file flags on `plugkit serve` itself (node dist/cli.js), and spawnServer's
 * default helper (this package's CLI) behind plugkit's own client through spawnedTransport.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, websocketTransport } from '../../../runtimes/node/index.js';
import { spawnedTransport } from '../../../server-embedded/spawn/spawned-transport.js';
import { processAlive } from '../../../server-embedded/spawn/parent-watch.js';
import { requireBuiltCli } from '../cli/cli-process.js';
import { killAll, msUntil, start } from '../sea/sea-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'plugkit-serve-lifeline-'));
beforeAll(requireBuiltCli);
afterEach(killAll);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('plugkit serve --stdin-lifeline / --port-file', () => {
  it('writes the chosen port, and exits (toys stopped) within 1 s when stdin closes', async () => {
    const portFile = join(tmp, 'serve.port');
    const h = start(process.execPath, [
      'dist/cli.js',
      'serve',
      '--websocket-port',
      '0',
      '--port-file',
      portFile,
      '--stdin-lifeline',
      '--simulate',
      'Massage Demo',
    ]);
    const line = await h.line(/^listening on /);
    expect(line).toBe(`listening on ws://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`);
    h.proc.stdin!.end();
    const { value, ms } = await msUntil(h.exit);
    expect(value).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(h.out).toContain('stopped: all devices stopped');
    expect(existsSync(portFile)).toBe(false);
  });

  it('--parent-pid: exits (toys stopped) within 1 s of that process going away', async () => {
    const watched = start(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const h = start(process.execPath, [
      'dist/cli.js',
      'serve',
      '--websocket-port',
      '0',
      '--parent-pid',
      String(watched.proc.pid),
      '--simulate',
      'Massage Demo',
    ]);
    await h.line(/^listening on /);
    watched.proc.kill('SIGKILL');
    const { value, ms } = await msUntil(h.exit);
    expect(value).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(h.err.join('\n')).toMatch(`parent process ${watched.proc.pid} is gone: stopping every device`);
    expect(h.out).toContain('stopped: all devices stopped');
  });

  it('refuses a port file it cannot write, naming it (exit 1)', async () => {
    const bad = join(tmp, 'no-such-dir', 'x.port');
    const h = start(process.execPath, ['dist/cli.js', 'serve', '--websocket-port', '0', '--port-file', bad]);
    expect(await h.exit).toBe(1);
    expect(h.err.join('\n')).toContain(`cannot write the port file ${bad}: ENOENT`);
  });
});

describe('spawnedTransport', () => {
  it('starts the helper on connect (after a server that is not there) and stops it on disconnect', async () => {
    const spawned = spawnedTransport({ args: ['--simulate', 'Massage Demo'], stderr: 'ignore' });
    const client = await connect({
      name: 'spawn test',
      // Port 9 (discard) on loopback: nobody listens, as when Intiface Central is not running.
      transports: [websocketTransport('ws://127.0.0.1:9', { connectTimeoutMs: 1000 }), spawned],
      reconnect: false,
    });
    expect(client.transportDescription).toBe('spawned plugkit-server');
    const helper = spawned.helper!;
    expect(processAlive(helper.pid)).toBe(true);
    const found = firstValueFrom(client.deviceAdded$);
    await client.startScanning();
    const toy = await found;
    await toy.vibrate(0.5);
    await client.disconnect();
    expect(await helper.exited).toBe(0);
    expect(spawned.helper).toBeUndefined();
  });
});
