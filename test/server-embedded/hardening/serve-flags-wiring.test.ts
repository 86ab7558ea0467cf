/**
 * Issue 10: `plugkit serve` parsed --handshake-timeout and --allowed-origin but the server never
 * used them. Both now reach the server, checked on a real `node dist/cli.js serve` process.
 */
import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { killAll, requireBuiltCli, runCli, type CliRun } from '../cli/cli-process.js';
import { until } from '../../support/server.js';

beforeAll(requireBuiltCli);
afterEach(killAll);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const serve = async (flags: string[]): Promise<{ run: CliRun; url: string }> => {
  const port = await freePort();
  const run = runCli(['serve', '--websocket-port', String(port), '--log', 'off', ...flags]);
  await until(() => run.out.some((l) => l.startsWith('listening on')), 'the server to listen', 15_000);
  return { run, url: `ws://127.0.0.1:${port}` };
};

/** Connects; resolves with the close code (or the HTTP status of a refused upgrade). */
const outcome = (url: string, origin?: string) =>
  new Promise<{ status: number | 'open'; ws: WebSocket; closed: Promise<number> }>((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.once('open', () => resolve({ status: 'open', ws, closed }));
    ws.once('unexpected-response', (_q, res) => resolve({ status: res.statusCode ?? -1, ws, closed }));
    ws.once('error', () => {});
  });

describe('plugkit serve hardening flags', () => {
  it('--handshake-timeout closes a silent client (4001)', async () => {
    const { run, url } = await serve(['--handshake-timeout', '200']);
    const c = await outcome(url);
    expect(c.status).toBe('open');
    expect(await c.closed).toBe(4001);
    run.proc.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 30_000);

  it('--allowed-origin refuses other browser origins with 403', async () => {
    const { run, url } = await serve(['--allowed-origin', 'http://localhost:8080']);
    expect((await outcome(url, 'https://evil.example')).status).toBe(403);
    const ok = await outcome(url, 'http://localhost:8080');
    expect(ok.status).toBe('open');
    ok.ws.close();
    run.proc.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 30_000);
});
