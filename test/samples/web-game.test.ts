/**
 * samples/web-game in headless Chromium against a real `plugkit serve` child: a block hitting the
 * player plays the rumble, whose bytes reach the simulated toy, and the toy ends at 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, serveFiles } from '../runtimes/browser/page-rig.js';
import { lastLevels, startServe, writes, type ServeChild } from './serve-child.js';

describe.skipIf(!hasChromium)('samples/web-game in headless Chromium', () => {
  let files: Awaited<ReturnType<typeof serveFiles>>;
  let serve: ServeChild;
  beforeAll(async () => {
    [files, serve] = await Promise.all([serveFiles(), startServe()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([files?.close(), serve?.stop()]);
  });

  it('a hit rumbles the served toy and the rumble fades back to 0', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${files.url}/samples/web-game/index.html?ws=ws://127.0.0.1:${serve.port}&rain=0`);
      await tab.waitForSelector('#status:has-text("connected to plugkit")', { timeout: 10_000 });
      await tab.waitForSelector('#toys:has-text("Aneros Vivi")', { timeout: 10_000 });
      expect(writes(serve)).toEqual([]);

      await tab.evaluate(() =>
        (window as unknown as { webGame: { dropOnPlayer(): void } }).webGame.dropOnPlayer(),
      );
      await tab.waitForSelector('#hits:has-text("1")', { timeout: 5_000 });
      // Full strength (step 127 = 0x7f) on both motors first…
      await expect
        .poll(() => writes(serve), { timeout: 5_000 })
        .toEqual(expect.arrayContaining(['f1 7f', 'f2 7f']));
      // …then the fade ends with both motors at 0.
      await expect.poll(() => lastLevels(serve), { timeout: 5_000 }).toEqual({ f1: 0, f2: 0 });
      expect(await tab.textContent('#hits')).toBe('1');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
