/**
 * samples/funscript-player in headless Chromium against a real `plugkit serve` child: playing the
 * page's video drives the simulated toy from the funscript, pausing it stops the toy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, serveFiles } from '../runtimes/browser/page-rig.js';
import { lastLevels, startServe, writes, type ServeChild } from './serve-child.js';

interface PlayerHook {
  player: { videoReady: Promise<void>; video: HTMLVideoElement };
}

describe.skipIf(!hasChromium)('samples/funscript-player in headless Chromium', () => {
  let files: Awaited<ReturnType<typeof serveFiles>>;
  let serve: ServeChild;
  beforeAll(async () => {
    [files, serve] = await Promise.all([serveFiles(), startServe()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([files?.close(), serve?.stop()]);
  });

  it('plays the script on the served toy while the video plays and stops it on pause', async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${files.url}/samples/funscript-player/index.html?ws=ws://127.0.0.1:${serve.port}`);
      await tab.waitForSelector('#toys:has-text("Aneros Vivi")', { timeout: 10_000 });
      // The page records its video in real time (about 4 s) before it can play.
      await tab.waitForSelector('#video-status:has-text("ready")', { timeout: 15_000 });
      // A seekable video: the page made the recorded WebM report its length (the script's 4.2 s).
      const duration = await tab.evaluate(() => (window as unknown as PlayerHook).player.video.duration);
      expect(duration).toBeGreaterThan(3.5);
      expect(duration).toBeLessThan(6);
      expect(writes(serve).filter((w) => !w.endsWith(' 00'))).toEqual([]);

      await tab.evaluate(() => (window as unknown as PlayerHook).player.video.play());
      // The strokes become vibration: some motor runs at a level above 0.
      await expect
        .poll(() => Object.values(lastLevels(serve)).some((step) => step > 0), { timeout: 5_000 })
        .toBe(true);

      expect(
        await tab.evaluate(() => (window as unknown as PlayerHook).player.video.currentTime),
      ).toBeGreaterThan(0);
      await tab.evaluate(() => (window as unknown as PlayerHook).player.video.pause());
      await expect.poll(() => lastLevels(serve), { timeout: 3_000 }).toEqual({ f1: 0, f2: 0 });
      // Paused, the toy stays still.
      const settled = writes(serve).length;
      await new Promise((r) => setTimeout(r, 700));
      expect(
        writes(serve)
          .slice(settled)
          .filter((w) => !w.endsWith(' 00')),
      ).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
