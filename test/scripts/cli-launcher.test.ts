/**
 * The `plugkit` command (dist/plugkit.cjs) runs the CLI bundle from the code cache the build
 * wrote; without a usable cache it must still run, only compiling the bundle itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plugkit-launcher-'));
  // The launcher and the bundle only; the bundle finds package.json two folders up from dist/cli/.
  cpSync('dist/plugkit.cjs', join(dir, 'dist/plugkit.cjs'));
  cpSync('dist/cli', join(dir, 'dist/cli'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'plugkit', version }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cacheFiles = () => readdirSync(join(dir, 'dist/cli')).filter((f) => f.endsWith('.cache'));

describe('dist/plugkit.cjs', () => {
  it('ships a code cache named for the bundle it was made from', () => {
    const names = readdirSync('dist/cli').filter((f) => f.endsWith('.cache'));
    expect(names).toHaveLength(1);
    expect(readFileSync('dist/plugkit.cjs', 'utf8')).toContain(names[0]);
  });

  it('runs from the cache', async () => {
    const { stdout } = await run(process.execPath, [join(dir, 'dist/plugkit.cjs'), '--version']);
    expect(stdout.trim()).toBe(version);
  });

  it('runs when the cache is garbage (V8 rejects it and compiles the bundle)', async () => {
    for (const f of cacheFiles()) writeFileSync(join(dir, 'dist/cli', f), Buffer.alloc(4096, 0x5a));
    const { stdout } = await run(process.execPath, [join(dir, 'dist/plugkit.cjs'), '--version']);
    expect(stdout.trim()).toBe(version);
  });

  it('runs when there is no cache at all', async () => {
    for (const f of cacheFiles()) rmSync(join(dir, 'dist/cli', f));
    const { stdout } = await run(process.execPath, [join(dir, 'dist/plugkit.cjs'), '--version']);
    expect(stdout.trim()).toBe(version);
  });

  it('reports a bad flag as the CLI does, with exit code 2', async () => {
    const err = await run(process.execPath, [join(dir, 'dist/plugkit.cjs'), '--no-such-flag']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/unknown flag --no-such-flag/);
  });
});
