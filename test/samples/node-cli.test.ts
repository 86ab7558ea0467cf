/** samples/node-cli as a child process: against its embedded simulated toy and a `plugkit serve` child. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeChild } from './serve-child.js';

const file = 'dist/samples/node-cli/main.js';
const run = async (args: string[]): Promise<string[]> => {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does it first)`);
  // execFile rejects on a non-zero exit code, so resolving means the sample exited 0.
  const { stdout } = await promisify(execFile)(process.execPath, [file, ...args], { timeout: 20_000 });
  return stdout.split('\n').filter(Boolean);
};

const expected = (server: string): string[] => [
  `connected to ${server} (spec v4)`,
  'scanning…',
  '  + Aneros Vivi',
  'scan done: 1 device',
  '[0] Aneros Vivi: Vibrate 0..127, Vibrate 0..127',
  'Aneros Vivi: vibrating at 0.5',
  'Aneros Vivi: stopped',
];

describe('samples/node-cli', () => {
  it('scans the embedded simulated toy, lists it, vibrates it and exits 0', async () => {
    expect(await run(['--scan-ms', '300'])).toEqual(expected('plugkit'));
  });

  it('refuses an unknown argument with exit code 2', async () => {
    await expect(run(['--bogus'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown argument --bogus/),
    });
  });

  describe('against plugkit serve', () => {
    let serve: ServeChild;
    beforeAll(async () => {
      serve = await startServe();
    }, 20_000);
    afterAll(async () => {
      await serve?.stop();
    });

    it('drives the served toy: half speed on both motors, then 0', async () => {
      expect(await run([serve.url, '--scan-ms', '500'])).toEqual(expected('plugkit'));
      const writes = serve.lines.filter((l) => l.includes('write tx')).map((l) => /\[(.*)\]/.exec(l)![1]);
      expect(writes).toEqual(['f1 40', 'f2 40', 'f1 00', 'f2 00']);
    });
  });
});
