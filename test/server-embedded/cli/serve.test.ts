/** The `plugkit` command as a user runs it: a real process, real sockets, real signals. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawClient, rsi } from '../../support/raw-client.js';
import { until } from '../../support/server.js';

const CLI = 'dist/cli.js';
const procs: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)');
});
afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
});

interface Run {
  proc: ChildProcess;
  out: string[];
  err: string[];
  exit: Promise<number>;
}
const run = (args: string[]): Run => {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  const out: string[] = [];
  const err: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  proc.stderr!.on('data', (d: Buffer) => err.push(...d.toString().split('\n').filter(Boolean)));
  const exit = new Promise<number>((r) => proc.on('exit', (code) => r(code ?? -1)));
  return { proc, out, err, exit };
};
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('plugkit CLI', () => {
  it('prints help and version', async () => {
    const help = run(['serve', '--help']);
    expect(await help.exit).toBe(0);
    expect(help.out.join('\n')).toMatch(/--websocket-port N/);
    const version = run(['--version']);
    expect(await version.exit).toBe(0);
    expect(version.out[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects a bad flag or value with a clear message and exit code 2', async () => {
    const bad = run(['serve', '--websocket-prot', '1']);
    expect(await bad.exit).toBe(2);
    expect(bad.err.join('\n')).toMatch(/unknown flag --websocket-prot/);
    const value = run(['serve', '--websocket-port', '70000']);
    expect(await value.exit).toBe(2);
    expect(value.err.join('\n')).toMatch(/--websocket-port must be at most 65535/);
    const missing = run(['serve', '--server-name']);
    expect(await missing.exit).toBe(2);
    expect(missing.err.join('\n')).toMatch(/--server-name needs a value/);
  });

  it('refuses a port in use with a clear message', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const busy = run(['serve', '--websocket-port', String(port)]);
    expect(await busy.exit).toBe(1);
    expect(busy.err.join('\n')).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    blocker.close();
  });

  it('serves a simulated toy, and on SIGTERM stops it before exiting', async () => {
    const port = await freePort();
    const srv = run([
      'serve',
      '--websocket-port',
      String(port),
      '--simulate',
      'Massage Demo',
      '--log',
      'debug',
      '--server-name',
      'cli test',
    ]);
    await until(() => srv.out.some((l) => l.startsWith('listening on')), 10_000);
    expect(srv.out).toContain(`listening on ws://127.0.0.1:${port}`);
    const c = await rawClient(`ws://127.0.0.1:${port}`);
    expect((await c.ask(rsi()))['ServerInfo']).toMatchObject({ ServerName: 'cli test' });
    await c.reply([{ StartScanning: { Id: 2 } }], 2);
    await until(() => srv.err.some((l) => l.includes('connected as "Aneros Vivi"')), 5000);
    await c.reply(
      [{ OutputCmd: { Id: 3, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 64 } } } }],
      3,
    );
    await until(() => srv.err.some((l) => l.includes('write tx [f1 40]')));
    srv.proc.kill('SIGTERM');
    expect(await srv.exit).toBe(0);
    const stopAt = srv.err.findIndex((l) => l.includes('SIGTERM'));
    expect(stopAt).toBeGreaterThan(-1);
    expect(srv.err.slice(stopAt).join('\n')).toMatch(/write tx \[f1 00\][\s\S]*write tx \[f2 00\]/);
    expect(srv.out).toContain('stopped: all devices stopped');
  });
});
