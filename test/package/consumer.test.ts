/**
 * The package as a user gets it: `npm pack`, installed into an empty project without the optional
 * hardware stack, type-checked by a strict consumer under node16 and bundler resolution, and run
 * in Node 20 with `websocketTransport(url)` and no WebSocket passed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
let dir: string;
// Async so the vitest worker keeps answering its runner while npm and tsc work.
const run = promisify(execFile);

const consumer = `
import { connect, websocketTransport, PlugkitError, type Device } from 'plugkit';
import { startServer, type RunningServer } from 'plugkit/server';

const running: RunningServer = await startServer({
  simulate: ['Massage Demo'],
  log: 'off',
  websocket: { host: '127.0.0.1', port: 0 },
});
try {
  const client = await connect({ name: 'consumer', transports: [websocketTransport(running.url!)] });
  const seen: Device[] = [];
  client.deviceAdded$.subscribe((d) => seen.push(d));
  await client.startScanning();
  for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const toy = seen[0];
  if (!toy) throw new PlugkitError('TRANSPORT', 'NoDevice', 'no simulated toy appeared');
  await toy.vibrate(0.5);
  await toy.stop();
  await client.disconnect();
  console.log('consumer ok: vibrated ' + toy.name);
} finally {
  await running.close();
}
`;

const tsconfig = (resolution: 'node16' | 'bundler') =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: resolution === 'node16' ? 'node16' : 'ESNext',
      moduleResolution: resolution,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      lib: ['ES2022'],
      types: ['node'],
      typeRoots: [join(repo, 'node_modules', '@types')],
    },
    files: ['consumer.mts'],
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plugkit-consumer-'));
  // dist/ was built by `npm test`; --ignore-scripts skips the prepack rebuild.
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repo });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run(
    'npm',
    ['install', '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)],
    { cwd: dir, timeout: 180_000 },
  );
  writeFileSync(join(dir, 'consumer.mts'), consumer);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships dist, no tests, no source maps outside the bundles, and installs without the hardware stack', async () => {
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    const files = (await run('tar', ['-tzf', tarball])).stdout.split('\n');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/runtimes/node/index.js');
    expect(files.some((f) => f.includes('/test/'))).toBe(false);
    expect(files.filter((f) => f.endsWith('.map') && !/dist\/(browser|godot)\//.test(f))).toEqual([]);
    for (const native of ['@abandonware/noble', 'node-hid', 'serialport', 'usb'])
      expect(existsSync(join(dir, 'node_modules', native)), native).toBe(false);
    expect(existsSync(join(dir, 'node_modules', '@types', 'ws'))).toBe(false);
  });

  it.each(['node16', 'bundler'] as const)(
    'type-checks a strict consumer under %s resolution',
    async (resolution) => {
      writeFileSync(join(dir, 'tsconfig.json'), tsconfig(resolution));
      const out = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).then(
        (r) => r.stdout,
        (err: { stdout?: string; stderr?: string }) => `${err.stdout}${err.stderr}`,
      );
      expect(out).toBe('');
    },
    120_000,
  );

  it('connects over WebSocket in Node 20 with no WebSocket passed, and vibrates a simulated toy', async () => {
    // The consumer is compiled with the repo's TypeScript, then run by plain node.
    const args = ['--outDir', dir, '--module', 'node16', '--target', 'ES2022', '--skipLibCheck'];
    await run(process.execPath, [tsc, ...args, join(dir, 'consumer.mts')], { cwd: dir });
    const { stdout } = await run(process.execPath, [join(dir, 'consumer.mjs')], {
      cwd: dir,
      timeout: 30_000,
    });
    expect(stdout).toContain('consumer ok: vibrated');
  }, 60_000);
});
