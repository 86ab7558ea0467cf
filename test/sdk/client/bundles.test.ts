import { CHROMIUM, launchChromium } from '../../support/chromium.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugkitServer, listenWebSocket, type WebSocketListener } from '../../../server-embedded/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const esm = join(root, 'dist/browser/plugkit.mjs');
const iife = join(root, 'dist/browser/plugkit.iife.js');
const cjs = join(root, 'dist/godot/plugkit.cjs');

const newestSource = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

/** Builds the bundles if they are missing or older than sdk/ (npm test builds them first anyway). */
function ensureBundles(): void {
  const bundles = [esm, iife, cjs];
  const sdk = newestSource(join(root, 'sdk'));
  if (bundles.every((f) => existsSync(f) && statSync(f).mtimeMs >= sdk)) return;
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
}

/** The server takes one client at a time: wait (bounded) until the previous session has ended. */
async function serverFree(): Promise<void> {
  for (let i = 0; i < 200 && server.activeSession; i++) await new Promise((r) => setTimeout(r, 10));
  expect(server.activeSession).toBeUndefined();
}

let server: PlugkitServer;
let listener: WebSocketListener;
let http: Server;
let page = '';

beforeAll(async () => {
  ensureBundles();
  server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
  listener = await listenWebSocket(server, { port: 0 });
  const files: Record<string, [string, string]> = {
    '/plugkit.mjs': [esm, 'text/javascript'],
    '/plugkit.iife.js': [iife, 'text/javascript'],
  };
  const pages: Record<string, string> = {
    '/esm.html': `<!doctype html><script type="module">import * as plugkit from '/plugkit.mjs'; window.lib = plugkit;</script>`,
    '/iife.html': `<!doctype html><script src="/plugkit.iife.js"></script><script>window.lib = window.plugkit;</script>`,
  };
  http = createServer((req, res) => {
    const file = files[req.url ?? ''];
    const html = pages[req.url ?? ''];
    if (file) res.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
    else if (html) res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  page = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await listener?.close();
  await server?.close();
  await new Promise((r) => http?.close(r));
});

/** Runs in the page: connect over WebSocket, scan, vibrate the first device at 0.5. */
const scanAndVibrate = async (url: string) => {
  type Lib = typeof import('../../../sdk/index.js');
  const { connect, websocketTransport } = (window as unknown as { lib: Lib }).lib;
  const client = await connect({ name: 'chromium', transports: [websocketTransport(url)] });
  await client.startScanning();
  const device = await new Promise<import('../../../sdk/index.js').Device>((resolve) => {
    client.devices$.subscribe((list) => list[0] && resolve(list[0]));
  });
  await device.vibrate(0.5);
  const result = {
    spec: client.specVersion,
    name: device.name,
    steps: device.outputs('Vibrate').map((o) => o.steps),
  };
  await client.disconnect();
  return result;
};

describe.skipIf(!existsSync(CHROMIUM))('browser bundle in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const kind of ['esm', 'iife'] as const)
    it(`${kind}: vibrates a simulated Aneros Vivi over ws:// (bytes F1 40 on feature 0)`, async () => {
      await serverFree();
      const sim = server.simulated.devices[0]!;
      const before = sim.writes.length;
      const tab = await browser.newPage();
      try {
        await tab.goto(`${page}/${kind}.html`);
        await tab.waitForFunction(
          () => 'lib' in window && (window as unknown as { lib?: unknown }).lib !== undefined,
        );
        const result = await tab.evaluate(scanAndVibrate, listener.url);
        expect(result).toEqual({ spec: 4, name: 'Aneros Vivi', steps: [127, 127] });
      } finally {
        await tab.close();
      }
      const writes = sim.writes.slice(before).map((w) => w.data);
      expect(writes).toContainEqual([0xf1, 0x40]);
      expect(writes).toContainEqual([0xf2, 0x40]);
    });
});

describe('GodotJS CommonJS bundle', () => {
  it('loads without Node built-ins and drives a device with an injected WebSocket', async () => {
    const text = readFileSync(cjs, 'utf8');
    expect(text).not.toMatch(/require\("(node:)?(fs|net|http|child_process|path)"\)/);
    const lib = createRequire(import.meta.url)(cjs) as typeof import('../../../sdk/index.js');
    await serverFree();
    const client = await lib.connect({
      name: 'godot bundle',
      transports: lib.websocketTransport(listener.url, { WebSocket }),
    });
    try {
      await client.startScanning();
      const device = await new Promise<import('../../../sdk/index.js').Device>((resolve) =>
        client.devices$.subscribe((list) => list[0] && resolve(list[0])),
      );
      const sim = server.simulated.devices[0]!;
      await device.outputs('Vibrate')[0]!.set(1);
      expect(sim.writes.at(-1)!.data).toEqual([0xf1, 127]);
      const err = await device.vibrate(Number.NaN).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(lib.PlugkitError);
    } finally {
      await client.disconnect();
    }
  });
});
