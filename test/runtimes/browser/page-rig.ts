/** Shared by the page tests: the browser bundle, a static file server on 127.0.0.1, Chromium. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export { CHROMIUM, hasChromium, launchChromium } from '../../support/chromium.js';
export const root = join(import.meta.dirname, '..', '..', '..');
export const browserBundle = join(root, 'dist/browser/plugkit-browser.mjs');

const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

/** Builds the page bundle (alone) if it is missing or older than its sources. */
export function ensureBrowserBundle(): void {
  const sources = Math.max(...['sdk', 'server-embedded', 'runtimes'].map((d) => newest(join(root, d))));
  if (existsSync(browserBundle) && statSync(browserBundle).mtimeMs >= sources) return;
  execFileSync(process.execPath, ['scripts/bundle-page.mjs'], {
    cwd: root,
    stdio: 'inherit',
    timeout: 120_000,
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.map': 'application/json',
  '.css': 'text/css',
};

/** Serves the repository's files (read-only) plus extra pages, on 127.0.0.1 at a free port. */
export async function serveFiles(
  pages: Record<string, string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    if (pages[path] !== undefined)
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]);
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile())
      return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
