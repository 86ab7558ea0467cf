/**
 * spawnServer and the lifeline with real processes: a stand-in game starts the helper, the test
 * drives a simulated toy through it with the official client, kills the game, and checks that
 * the helper stopped the toy and was gone within a second.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processAlive } from '../../../server-embedded/spawn/parent-watch.js';
import { spawnServer } from '../../../server-embedded/spawn/spawn-server.js';
import { until } from '../../support/until.js';
import { vibrateMassageDemo, writeLine } from '../sea/official-toy.js';
import { SEA, ensureSea, killAll, msUntil, start, type Proc } from '../sea/sea-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'plugkit-spawn-'));
const parentScript = join(tmp, 'game-parent.mjs');
const env = { PLUGKIT_CACHE_DIR: join(tmp, 'cache') };

beforeAll(async () => {
  await ensureSea();
  await build({
    entryPoints: ['test/server-embedded/spawn/fixtures/game-parent.ts'],
    outfile: parentScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
}, 120_000);
afterEach(killAll);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts the stand-in game; resolves with the helper's URL and pid and the helper's log file. */
async function startGame(mode: 'spawnServer' | 'parent-only' | 'die-early') {
  const log = join(tmp, `${mode}-${Date.now()}.log`);
  const fifo = join(tmp, `${mode}-${Date.now()}.fifo`);
  if (mode !== 'spawnServer') execFileSync('mkfifo', [fifo]);
  const game = start(process.execPath, [parentScript, mode, SEA, log, fifo], { env });
  const { url, pid } = JSON.parse(await game.line(/^\{"url"/)) as { url: string; pid: number };
  const logText = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  return { game, url, pid, logText };
}

/** Kills the game outright and measures how long its helper lives on. */
async function killGameAndTimeHelper(game: Proc, pid: number) {
  game.proc.kill('SIGKILL');
  const { ms } = await msUntil(until(() => !processAlive(pid), 'the helper to exit', 3000));
  return ms;
}

describe('a helper started by a game', () => {
  it('spawnServer: the game is killed; the helper stops the toy and exits within 1 s', async () => {
    const { game, url, pid, logText } = await startGame('spawnServer');
    const client = await vibrateMassageDemo(url, 64);
    await until(() => writeLine('f1 40').test(logText()), 'the toy to vibrate', 5000);
    const before = logText().length;
    expect(await killGameAndTimeHelper(game, pid)).toBeLessThan(1000);
    expect(logText().slice(before)).toMatch(writeLine('f1 00'));
    await client.disconnect().catch(() => {});
  });

  // A FIFO opened read-write never reaches end-of-file, so only the parent watch can end the helper.
  it.skipIf(process.platform === 'win32')(
    '--stdin-lifeline also watches the parent pid: stdin never closes, the game is killed',
    async () => {
      const { game, url, pid, logText } = await startGame('parent-only');
      const client = await vibrateMassageDemo(url, 64);
      await until(() => writeLine('f1 40').test(logText()), 'the toy to vibrate', 5000);
      const before = logText().length;
      expect(await killGameAndTimeHelper(game, pid)).toBeLessThan(1000);
      expect(logText().slice(before)).toMatch(/parent process \d+ is gone: stopping every device/);
      expect(logText().slice(before)).toMatch(writeLine('f1 00'));
      await client.disconnect().catch(() => {});
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a game that dies while the helper is still starting is noticed too (--parent-pid, as spawnServer passes it)',
    async () => {
      const { pid, logText } = await startGame('die-early');
      await until(() => !processAlive(pid), 'the helper to exit', 15_000);
      expect(logText()).toMatch(/parent process \d+ is gone: stopping every device/);
    },
    20_000,
  );

  it('spawnServer returns the URL and stop() ends the helper cleanly', async () => {
    const lines: string[] = [];
    const helper = await spawnServer({
      executable: SEA,
      args: ['--simulate', 'Massage Demo'],
      env: { ...process.env, ...env },
      stderr: 'ignore',
      onOutput: (l) => lines.push(l),
    });
    expect(helper.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    if (process.platform === 'linux')
      expect(readFileSync(`/proc/${helper.pid}/cmdline`, 'utf8').split('\0')).toEqual(
        expect.arrayContaining(['--stdin-lifeline', '--parent-pid', String(process.pid)]),
      );
    const client = await vibrateMassageDemo(helper.url, 20);
    const { value: code, ms } = await msUntil(helper.stop());
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(lines).toContain('stopped: all devices stopped');
    await client.disconnect().catch(() => {});
  });

  it("spawnServer rejects with the helper's words when it exits before it is ready", async () => {
    await expect(
      spawnServer({ executable: SEA, args: ['--simulate', 'No Such Toy Anywhere'], stderr: 'ignore' }),
    ).rejects.toThrow(/exited \(2\) before it was ready/);
    await expect(spawnServer({ executable: join(tmp, 'missing-helper') })).rejects.toThrow(
      /could not start: .*ENOENT/,
    );
  });
});
