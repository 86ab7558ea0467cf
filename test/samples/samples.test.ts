import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('samples', () => {
  it('vibrate-simulated runs and vibrates the simulated toy', async () => {
    const file = 'dist/samples/vibrate-simulated.js';
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does it first)`);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 15_000 });
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'connected to plugkit (spec v4)',
      'found Aneros Vivi: Vibrate 0..127, Vibrate 0..127',
      'vibrating at 0.5',
      'stopped',
    ]);
  });
});
