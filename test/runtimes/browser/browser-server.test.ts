/**
 * The whole server in a web page: headless Chromium loads dist/browser/plugkit-browser.mjs, a
 * stand-in `navigator.bluetooth` (bluetooth-stand-in.ts) plays the toys, and the real Web
 * Bluetooth backend, protocols, server and client run between the page's calls and the bytes.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlugkitClient } from '../../../sdk/index.js';
import { PlugkitServer, listenWebSocket, type WebSocketListener } from '../../../server-embedded/index.js';
import { installBluetoothStandIn, type StandInControl, type StandInToy } from './bluetooth-stand-in.js';
import { browserBundle, ensureBrowserBundle, hasChromium, launchChromium, serveFiles } from './page-rig.js';

const LOVENSE_SERVICE = '6e400001-b5a3-f393-e0a9-e50e24dcca9e';
const LOVENSE_TX = '6e400002-b5a3-f393-e0a9-e50e24dcca9e';
const LOVENSE_RX = '6e400003-b5a3-f393-e0a9-e50e24dcca9e';
const WEVIBE_SERVICE = 'f000bb03-0451-4000-b000-000000000000';
const WEVIBE_TX = 'f000c000-0451-4000-b000-000000000000';
const WEVIBE_RX = 'f000b000-0451-4000-b000-000000000000';

const TOYS: StandInToy[] = [
  {
    id: 'hush-1',
    name: 'LVS-Hush',
    services: { [LOVENSE_SERVICE]: [LOVENSE_TX, LOVENSE_RX] },
    replies: {
      'DeviceType;': { char: LOVENSE_RX, text: 'Z:11:0082059AD3BD;' },
      'Battery;': { char: LOVENSE_RX, text: '85;' },
    },
  },
  { id: 'moxie-1', name: 'Moxie', services: { [WEVIBE_SERVICE]: [WEVIBE_TX, WEVIBE_RX] } },
  {
    // A Lovense toy whose name the database does not know: found by its service alone.
    id: 'mystery-1',
    name: 'Mystery',
    services: { [LOVENSE_SERVICE]: [LOVENSE_TX, LOVENSE_RX] },
    replies: { 'DeviceType;': { char: LOVENSE_RX, text: 'Z:11:0082059AD3BD;' } },
  },
];

/** What the test page keeps on `window`. */
interface PageGlobals {
  lib: typeof import('../../../runtimes/browser/index.js');
  client: PlugkitClient;
  logs: string[];
  scanned: Promise<string>;
  __ble: StandInControl;
}
/** The page's globals, typed; the page defines `globals` too, so callbacks run there can call it. */
const globals = () => window as unknown as PageGlobals;

const PAGE = `<!doctype html><button id="scan">Scan</button>
<script type="module">
  import * as lib from '/dist/browser/plugkit-browser.mjs';
  window.lib = lib;
  window.logs = [];
  window.globals = () => window;
  document.getElementById('scan').addEventListener('click', () => {
    window.scanned = window.client.startScanning().then(() => 'ok', (e) => String(e));
  });
</script>`;

/** Starts scanning from the page's own script (no gesture); notes whether the page was active. */
const NO_GESTURE_PAGE = `<!doctype html><script type="module">
  import { connect, embedded, webBluetooth } from '/dist/browser/plugkit-browser.mjs';
  window.globals = () => window;
  window.logs = [];
  window.client = await connect({
    name: 'no gesture',
    transports: [embedded({ backends: [webBluetooth()], log: (level, m) => window.logs.push(level + ' ' + m) })],
  });
  window.activeAtScan = navigator.userActivation.isActive;
  await window.client.startScanning();
</script>`;

let files: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  ensureBrowserBundle();
  files = await serveFiles({ '/test.html': PAGE, '/no-gesture.html': NO_GESTURE_PAGE });
}, 120_000);
afterAll(async () => {
  await files?.close();
});

describe('the page bundle', () => {
  it('is self-contained: it imports nothing (so no Node module) and calls no Node global', () => {
    const text = readFileSync(browserBundle, 'utf8');
    expect(text.match(/(?:^|[;}\n])import\s*(?:[\w$*{},\s]+from\s*)?["'][^"']+["']/g)).toBeNull();
    expect(text.match(/\bimport\s*\(/g)).toBeNull();
    expect(text.match(/\brequire\s*\(/g)).toBeNull();
    expect(text.match(/\b(?:process|Buffer)\.[a-zA-Z]+/g)).toBeNull();
    // The server is in it: the built-in device database and the Web Bluetooth backend.
    expect(text).toContain('LVS-');
    expect(text).toContain('gattserverdisconnected');
  });
});

describe.skipIf(!hasChromium)('the server in a page over Web Bluetooth (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page with the stand-in installed and a client connected to the in-page server. */
  async function openPage(): Promise<Page> {
    const tab = await browser.newPage();
    await tab.addInitScript(installBluetoothStandIn, TOYS);
    await tab.goto(`${files.url}/test.html`);
    await tab.waitForFunction(() => 'lib' in window);
    await tab.evaluate(async () => {
      const g = globals();
      const { connect, embedded, webBluetooth } = g.lib;
      g.client = await connect({
        name: 'page test',
        transports: [
          embedded({ backends: [webBluetooth()], log: (level, m) => g.logs.push(`${level} ${m}`) }),
        ],
      });
    });
    return tab;
  }

  /** The user clicks Scan and picks `name` in the chooser; resolves once the client has the toy. */
  async function pick(tab: Page, name: string): Promise<void> {
    await tab.evaluate((n) => void (globals().__ble.pick = n), name);
    await tab.click('#scan');
    await tab.waitForFunction(() => globals().client.devices.length === 1, undefined, { timeout: 10_000 });
    expect(await tab.evaluate(() => globals().scanned)).toBe('ok');
  }

  const writesTo = (tab: Page, char: string) =>
    tab.evaluate((c) => globals().__ble.writes.filter((w) => w.char === c), char);
  const text = (bytes: number[]) => String.fromCharCode(...bytes);

  it('vibrates a Lovense toy and reads its battery from a notification', async () => {
    const tab = await openPage();
    try {
      await pick(tab, 'LVS-Hush');
      // The chooser was asked with filters and services from the device database.
      const request = (await tab.evaluate(() => globals().__ble.requests[0])) as {
        filters: { name?: string; namePrefix?: string }[];
        optionalServices: string[];
      };
      expect(request.filters).toContainEqual({ namePrefix: 'LVS-' });
      expect(request.filters).toContainEqual({ name: 'Moxie' });
      expect(request.optionalServices).toContain(LOVENSE_SERVICE);
      expect(request.optionalServices).toContain(WEVIBE_SERVICE);

      const result = await tab.evaluate(async () => {
        const device = globals().client.devices[0]!;
        await device.vibrate(0.5);
        return { name: device.name, battery: await device.battery() };
      });
      expect(result).toEqual({ name: 'Lovense Hush', battery: 0.85 });
      await tab.waitForFunction(
        (tx) =>
          globals().__ble.writes.some(
            (w) => w.char === tx && String.fromCharCode(...w.bytes) === 'Vibrate:10;',
          ),
        LOVENSE_TX,
        { timeout: 5000 },
      );
      const sent = (await writesTo(tab, LOVENSE_TX)).map((w) => text(w.bytes));
      expect(sent.slice(0, 1)).toEqual(['DeviceType;']);
      expect(sent).toContain('Battery;');
      expect(sent).toContain('Vibrate:10;');
    } finally {
      await tab.evaluate(() => globals().client.disconnect());
      await tab.close();
    }
  }, 60_000);

  it('vibrates a WeVibe toy with written-with-response frames', async () => {
    const tab = await openPage();
    try {
      await pick(tab, 'Moxie');
      expect(await tab.evaluate(() => globals().client.devices[0]!.name)).toBe('WeVibe Moxie');
      await tab.evaluate(() => globals().client.devices[0]!.vibrate(0.5));
      await tab.waitForFunction((tx) => globals().__ble.writes.some((w) => w.char === tx), WEVIBE_TX, {
        timeout: 5000,
      });
      expect(await writesTo(tab, WEVIBE_TX)).toContainEqual({
        id: 'moxie-1',
        char: WEVIBE_TX,
        bytes: [0x0f, 0x03, 0x00, 0x09, 0x09, 0x03, 0x00, 0x00],
        withResponse: true,
      });
      // Disconnecting the client stops the toy before the in-page server closes.
      await tab.evaluate(() => globals().client.disconnect());
      expect((await writesTo(tab, WEVIBE_TX)).at(-1)!.bytes).toEqual([0x0f, 0, 0, 0, 0, 0, 0, 0]);
    } finally {
      await tab.close();
    }
  }, 60_000);

  it('recognises a toy with an unknown name by the services its GATT server shows', async () => {
    const tab = await openPage();
    try {
      await pick(tab, 'Mystery');
      expect(await tab.evaluate(() => globals().client.devices[0]!.name)).toBe('Lovense Hush');
      await tab.evaluate(() => globals().client.devices[0]!.vibrate(1));
      await tab.waitForFunction(
        (tx) =>
          globals().__ble.writes.some(
            (w) => w.char === tx && String.fromCharCode(...w.bytes) === 'Vibrate:20;',
          ),
        LOVENSE_TX,
        { timeout: 5000 },
      );
    } finally {
      await tab.evaluate(() => globals().client.disconnect());
      await tab.close();
    }
  }, 60_000);

  it('removes a toy whose GATT link drops and refuses commands to it', async () => {
    const tab = await openPage();
    try {
      await pick(tab, 'LVS-Hush');
      await tab.evaluate(() => globals().client.devices[0]!.vibrate(0.2));
      await tab.evaluate(() => {
        const g = globals();
        (window as unknown as { dropped: unknown }).dropped = g.client.devices[0];
        g.__ble.drop('hush-1');
      });
      await tab.waitForFunction(() => globals().client.devices.length === 0, undefined, { timeout: 5000 });
      const before = (await writesTo(tab, LOVENSE_TX)).length;
      const refused = await tab.evaluate(async () => {
        const device = (window as unknown as { dropped: PageGlobals['client']['devices'][number] }).dropped;
        return device.vibrate(0.7).then(
          () => 'accepted',
          (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`,
        );
      });
      expect(refused).toMatch(/PlugkitError: .*not connected/);
      expect((await writesTo(tab, LOVENSE_TX)).length).toBe(before);
      expect(await tab.evaluate(() => globals().logs.join('\n'))).not.toMatch(/error/);
    } finally {
      await tab.evaluate(() => globals().client.disconnect());
      await tab.close();
    }
  }, 60_000);

  it('opens no chooser without a user gesture, and says why', async () => {
    const tab = await browser.newPage();
    try {
      await tab.addInitScript(installBluetoothStandIn, TOYS);
      // Scanning from the page's own script at load: no click, so no user activation.
      await tab.goto(`${files.url}/no-gesture.html`);
      await tab.waitForFunction(() => globals().logs.some((l) => l.includes('scanning failed')), undefined, {
        timeout: 10_000,
      });
      expect(await tab.evaluate(() => (window as unknown as { activeAtScan: boolean }).activeAtScan)).toBe(
        false,
      );
      expect(await tab.evaluate(() => globals().__ble.refusals)).toEqual(['no user gesture']);
      expect(await tab.evaluate(() => globals().logs.find((l) => l.includes('scanning failed')))).toMatch(
        /^warn web-bluetooth: scanning failed: .*user gesture/,
      );
      expect(await tab.evaluate(() => globals().client.devices.length)).toBe(0);
    } finally {
      await tab.evaluate(() => globals().client?.disconnect());
      await tab.close();
    }
  }, 60_000);

  describe('without Web Bluetooth', () => {
    let server: PlugkitServer;
    let listener: WebSocketListener;
    beforeAll(async () => {
      server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
      listener = await listenWebSocket(server, { port: 0 });
    });
    afterAll(async () => {
      await listener?.close();
      await server?.close();
    });

    it('says so plainly and falls back to the local server', async () => {
      const tab = await browser.newPage();
      try {
        // As in Firefox or Safari: no navigator.bluetooth at all.
        await tab.addInitScript(() =>
          Object.defineProperty(Navigator.prototype, 'bluetooth', {
            configurable: true,
            get: () => undefined,
          }),
        );
        await tab.goto(`${files.url}/test.html`);
        await tab.waitForFunction(() => 'lib' in window);
        const result = await tab.evaluate(async (url) => {
          const { connect, embedded, webBluetooth, websocketTransport, webBluetoothUnavailableReason } =
            globals().lib;
          const inPage = embedded({ backends: [webBluetooth()], log: 'off' });
          const failure = await inPage.connect().then(
            () => 'connected',
            (e: unknown) => (e as Error).message,
          );
          const client = await connect({
            name: 'fallback',
            transports: [embedded({ backends: [webBluetooth()], log: 'off' }), websocketTransport(url)],
          });
          await client.startScanning();
          const name = await new Promise<string>((resolve) =>
            client.devices$.subscribe((list) => list[0] && resolve(list[0].name)),
          );
          await client.devices[0]!.vibrate(1);
          await client.disconnect();
          return { reason: webBluetoothUnavailableReason(), failure, name };
        }, listener.url);
        expect(result.reason).toMatch(/no Web Bluetooth/);
        expect(result.failure).toMatch(/no Web Bluetooth .*Chrome, Edge/);
        expect(result.name).toBe('Aneros Vivi');
        expect(server.simulated.devices[0]!.writes.map((w) => w.data)).toContainEqual([0xf1, 127]);
      } finally {
        await tab.close();
      }
    }, 60_000);
  });
});
