/** `plugkit serve` start-up as a real process: drop-in command line, notices, lazy loading. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/server.js';
import { killAll, requireBuiltCli, runCli, type CliRun } from './cli-process.js';

beforeAll(requireBuiltCli);
afterEach(killAll);

const DENY = ['--require', './test/server-embedded/cli/fixtures/deny-yaml.cjs'];
const listening = (r: CliRun) => until(() => r.out.some((l) => l.startsWith('listening on')), 15_000);
const stop = async (r: CliRun) => {
  r.proc.kill('SIGTERM');
  expect(await r.exit).toBe(0);
};

describe('plugkit serve start-up', () => {
  it('runs an Intiface Engine command line without a subcommand and explains flags without effect', async () => {
    const r = runCli([
      '--websocket-port',
      '0',
      '--simulate',
      'massage demo',
      '--use-xinput',
      '--log',
      'WARN',
    ]);
    await listening(r);
    expect(r.out).toContain('simulated: "Massage Demo" (sim-massage-demo) — found when a client scans');
    expect(r.err.filter((l) => l.includes('has no effect'))).toEqual([
      'plugkit: --use-xinput has no effect: plugkit has no XInput (Windows gamepad) backend',
    ]);
    expect(r.err.some((l) => l.includes('no toy is simulated'))).toBe(false);
    await stop(r);
  });

  it('says once that nothing can be found without a backend or a simulated toy', async () => {
    const r = runCli(['serve', '--websocket-port', '0']);
    await listening(r);
    expect(r.err.filter((l) => l.includes('clients will find no devices'))).toEqual([
      'plugkit: no hardware backend is active and no toy is simulated, so clients will find no devices; ' +
        'add --use-bluetooth-le, --use-serial or --use-hid, or --simulate NAME (plugkit devices lists names)',
    ]);
    await stop(r);
  });

  it('does not load the device-test runner or yaml to serve', async () => {
    const r = runCli(['serve', '--websocket-port', '0', '--simulate', 'Massage Demo'], DENY);
    await listening(r);
    await stop(r);
    // Control: the same guard does stop a command that needs them.
    const t = runCli(['device-test', 'test/server-embedded/cli/fixtures/deny-yaml.cjs'], DENY);
    expect(await t.exit).toBe(1);
    expect(t.err.join('\n')).toMatch(/denied require of yaml/);
  });
});
