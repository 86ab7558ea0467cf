/**
 * samples/browser-server in headless Chromium: the page's own server vibrates its simulated toy
 * with no server process running (the only thing listening is the static file server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowserBundle, hasChromium, launchChromium, serveFiles } from './page-rig.js';

describe.skipIf(!hasChromium)('samples/browser-server in headless Chromium', () => {
  let files: Awaited<ReturnType<typeof serveFiles>>;
  beforeAll(async () => {
    ensureBrowserBundle();
    files = await serveFiles();
  }, 120_000);
  afterAll(async () => {
    await files?.close();
  });

  it('connects to the server in the page, finds the simulated toy and vibrates it', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${files.url}/samples/browser-server/index.html`);
      await expect.poll(() => tab.textContent('#bluetooth')).toMatch(/^Web Bluetooth: /);
      await tab.click('#connect');
      await tab.waitForSelector('#status:has-text("connected (server in this page)")', { timeout: 10_000 });
      await tab.click('#scan');
      await tab.waitForSelector('#devices:has-text("Aneros Vivi")', { timeout: 10_000 });
      await tab.click('#vibrate');
      // The Vivi's two motors at half speed: F1 40 and F2 40.
      await tab.waitForFunction(
        () => document.getElementById('log')!.textContent!.includes('f2 40'),
        undefined,
        {
          timeout: 10_000,
        },
      );
      const log = (await tab.textContent('#log'))!.split('\n').filter(Boolean);
      expect(log).toContain('Aneros Vivi ← f1 40');
      expect(log).toContain('Aneros Vivi ← f2 40');
      await tab.click('#stop');
      await tab.waitForFunction(
        () => document.getElementById('log')!.textContent!.includes('f2 00'),
        undefined,
        {
          timeout: 10_000,
        },
      );
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
