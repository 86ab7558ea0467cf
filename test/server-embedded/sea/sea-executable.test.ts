/**
 * dist/sea/plugkit-server as a real process (built here when missing): the official client drives
 * a simulated toy through it; it never outlives its game; its native addon cache; two at once.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vibrateMassageDemo, writeLine } from './official-toy.js';
import { SEA, ensureSea, killAll, msUntil, start } from './sea-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'plugkit-sea-'));
const cache = join(tmp, 'cache');
const env = { PLUGKIT_CACHE_DIR: cache };
const LISTENING = /^listening on (ws:\/\/\S+)/;
const urlOf = (line: string) => LISTENING.exec(line)![1]!;

beforeAll(ensureSea, 120_000);
afterEach(killAll);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('plugkit-server executable', () => {
  it('serves the official client; closing stdin stops the toy and exits within 1 s', async () => {
    const h = start(
      SEA,
      ['--websocket-port', '0', '--simulate', 'Massage Demo', '--log', 'debug', '--stdin-lifeline'],
      { env },
    );
    const url = urlOf(await h.line(LISTENING));
    const client = await vibrateMassageDemo(url, 64);
    await h.line(writeLine('f1 40'), 5000);
    const before = h.err.length;
    h.proc.stdin!.end();
    const { value: code, ms } = await msUntil(h.exit);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(h.err.slice(before).some((l) => writeLine('f1 00').test(l))).toBe(true);
    await client.disconnect().catch(() => {});
  });

  it('a backend whose addon cannot be cached says why, and the rest runs', async () => {
    // root may write anywhere, so for root the folder sits under a plain file instead.
    let blocked: string;
    if (process.getuid?.() === 0) {
      writeFileSync(join(tmp, 'a-file'), '');
      blocked = join(tmp, 'a-file', 'cache');
    } else {
      blocked = join(tmp, 'read-only');
      mkdirSync(blocked);
      chmodSync(blocked, 0o500);
    }
    const h = start(
      SEA,
      ['--websocket-port', '0', '--use-serial', '--simulate', 'Massage Demo', '--stdin-lifeline'],
      {
        env: { PLUGKIT_CACHE_DIR: blocked },
      },
    );
    await h.line(LISTENING);
    const serial = h.out.find((l) => l.startsWith('serial:'))!;
    expect(serial).toMatch(
      /^serial: unavailable — .*native addon cache folder .* set PLUGKIT_CACHE_DIR to a folder/,
    );
    expect(h.err).toContainEqual(
      expect.stringMatching(/^plugkit: the native addon cache folder .*PLUGKIT_CACHE_DIR/),
    );
    expect(h.out).toContain('simulated: "Massage Demo" (sim-massage-demo) — found when a client scans');
    h.proc.stdin!.end();
    expect(await h.exit).toBe(0);
  });

  it('writes addons to the cache once and rewrites one that does not match its hash', async () => {
    const run = async () => {
      const h = start(SEA, ['--websocket-port', '0', '--use-serial', '--stdin-lifeline'], { env });
      await h.line(LISTENING);
      h.proc.stdin!.end();
      expect(await h.exit).toBe(0);
      return h.out.find((l) => l.startsWith('serial:'))!;
    };
    expect(await run()).toMatch(/^serial: active/);
    const dir = join(cache, 'native', readdirSync(join(cache, 'native'))[0]!);
    const file = join(dir, readdirSync(dir).find((f) => f.startsWith('serialport-'))!);
    const good = readFileSync(file);
    writeFileSync(file, Buffer.from('not the addon'));
    expect(await run()).toMatch(/^serial: active/);
    expect(readFileSync(file).equals(good)).toBe(true);
  });

  it('two at once with --websocket-port 0 take different ports and write them to their port files', async () => {
    const files = [join(tmp, 'one.port'), join(tmp, 'two.port')];
    const hs = files.map((f) =>
      start(
        SEA,
        ['--websocket-port', '0', '--port-file', f, '--simulate', 'Massage Demo', '--stdin-lifeline'],
        { env },
      ),
    );
    const urls = await Promise.all(hs.map(async (h) => urlOf(await h.line(LISTENING))));
    const ports = urls.map((u) => Number(new URL(u).port));
    expect(ports[0]).not.toBe(ports[1]);
    expect(files.map((f) => Number(readFileSync(f, 'utf8').trim()))).toEqual(ports);
    const clients = await Promise.all(urls.map((u) => vibrateMassageDemo(u, 10)));
    for (const h of hs) h.proc.stdin!.end();
    expect(await Promise.all(hs.map((h) => h.exit))).toEqual([0, 0]);
    // A stopped helper takes its port file with it: a stale port would send the next game nowhere.
    expect(files.filter((f) => existsSync(f))).toEqual([]);
    await Promise.all(clients.map((c) => c.disconnect().catch(() => {})));
  });
});
