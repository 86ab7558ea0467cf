/** `main` in-process: help, dispatch, usage errors (exit 2) and config file problems. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../server-embedded/cli/main.js';
import { findCommand } from '../../../server-embedded/cli/commands.js';

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};
const dir = mkdtempSync(join(tmpdir(), 'plugkit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('plugkit main', () => {
  it('prints help with exit 0 when run bare', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(0);
    expect(bare.out).toMatch(/^Usage: plugkit <command>/);
    expect(bare.out).toMatch(/serve .*\n.*devices .*\n.*device-test/);
  });

  it('suggests the nearest command or flag', async () => {
    expect(await run(['serv'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown command "serv"; did you mean serve\?/),
    });
    expect(await run(['--websocket-prot', '1'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown flag --websocket-prot; did you mean --websocket-port\?/),
    });
    expect(await run(['serve', '--simulat', 'x'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/did you mean --simulate\?/),
    });
  });

  it('prints the version for --version, -V, --server-version, also as serve flags', async () => {
    for (const argv of [
      ['--version'],
      ['-V'],
      ['--server-version'],
      ['serve', '--version'],
      ['serve', '--server-version'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('prints the help of each command from its flag table', async () => {
    const serve = await run(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.out).toMatch(/--handshake-timeout MS +.*\(default 10000\)/);
    expect(serve.out).toMatch(/--allow-raw-messages, --allow-raw/);
    expect(serve.out).toMatch(/Accepted for Intiface Engine compatibility:[\s\S]*--use-lovense-connect/);
    expect((await run(['devices', '--help'])).out).toMatch(/--search TEXT/);
    expect((await run(['device-test', '-h'])).out).toMatch(/--spec-version N \(repeatable\)/);
  });

  it('finds two-word commands before one-word ones', () => {
    expect(findCommand(['serve', '--x'])?.rest).toEqual(['--x']);
    expect(findCommand(['nope'])).toBeUndefined();
  });

  it('device-test: a missing case file is a usage error, not a FAIL', async () => {
    const missing = await run(['device-test', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such case file: .*nope\.yaml/);
    expect(missing.out).not.toMatch(/FAIL/);
    expect(await run(['device-test'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no case file given/),
    });
    expect(await run(['device-test', '--spec-version', '7', 'a.yaml'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--spec-version must be at most 4/),
    });
  });

  it('serve: --simulate typos and unsupported names exit 2 before anything starts', async () => {
    const typo = await run(['serve', '--simulate', 'Masage Demo']);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/--simulate: .*"Masage Demo".*nearest: "Massage Demo"/);
    const unsupported = await run(['serve', '--simulate', 'SayberX']);
    expect(unsupported.code).toBe(2);
    expect(unsupported.err).toMatch(/which plugkit does not implement/);
  });

  it('serve: an Intiface flag without effect says so on stderr, one line each', async () => {
    // The typo afterwards stops the run before a server starts; the notices come first.
    const r = await run(['serve', '--use-xinput', '--broadcast-server-mdns', '--simulate', 'nope nope nope']);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/^plugkit: --use-xinput has no effect: plugkit has no XInput/);
    expect(lines[1]).toMatch(/^plugkit: --broadcast-server-mdns has no effect: .*mDNS/);
  });

  it('serve: a missing config file says what to do', async () => {
    const base = await run(['serve', '--device-config-file', join(dir, 'missing.json')]);
    expect(base.code).toBe(2);
    expect(base.err).toMatch(
      /--device-config-file .*missing\.json: no such file; check the path, or leave out --device-config-file/,
    );
    const user = await run(['serve', '--user-device-config-file', join(dir, 'missing-user.json')]);
    expect(user.code).toBe(2);
    expect(user.err).toMatch(
      /create it; the smallest valid file is \{"version":\{"major":4,"minor":0\},"user_configs":\{\}\}/,
    );
  });

  it('serve: invalid JSON in a config file gives line and column', async () => {
    const bad = file('bad.json', '{\n  "version": {"major": 4, "minor": 0},\n  "user_configs": {,}\n}\n');
    const r = await run(['serve', '--user-device-config-file', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--user-device-config-file .*bad\.json: not valid JSON at line 3, column 20/);
    const cut = file('cut.json', '{\n  "version": {');
    expect((await run(['devices', '--device-config-file', cut])).err).toMatch(
      /not valid JSON at line 2, column 15/,
    );
  });

  it('the smallest user config offered for a missing file is valid', async () => {
    const minimal = file('minimal.json', '{"version":{"major":4,"minor":0},"user_configs":{}}');
    const r = await run(['devices', '--user-device-config-file', minimal, '--search', 'massage']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"Massage Demo" +aneros +Aneros Vivi: Vibrate×2/);
  });

  it('devices --search lists names with protocol and features', async () => {
    const r = await run(['devices', '--search', 'LVS']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"LVS-\*" +lovense +model and features come from the toy’s handshake/);
    expect(r.out).toMatch(/a name ending in \* stands for any name that starts so/);
    const none = await run(['devices', '--search', 'no-such-toy-anywhere']);
    expect(none.out).toBe('0 names matching "no-such-toy-anywhere"');
  });
});
