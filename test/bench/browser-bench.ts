/**
 * Size of the in-page server (`plugkit/browser`, dist/browser/plugkit-browser.mjs) as a page
 * downloads it: raw and gzip, next to the client-only bundle and the built-in device database
 * it carries. Needs the bundles (`npm run build`). Prints figures; nothing passes or fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The repository root: the nearest folder above this file with a package.json (source or dist/). */
const repoRoot = (): string => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
};

const row = (name: string, bytes: Uint8Array): Record<string, string | number> => {
  const gzip = gzipSync(bytes, { level: 9 }).length;
  return {
    name,
    rawBytes: bytes.length,
    gzipBytes: gzip,
    raw: `${(bytes.length / 1024).toFixed(1)} KiB`,
    gzip: `${(gzip / 1024).toFixed(1)} KiB`,
  };
};

/** One row per file: raw and gzip-9 size in bytes and KiB. */
export async function browserBench(): Promise<Record<string, string | number>[]> {
  const root = repoRoot();
  const file = (path: string): Uint8Array => {
    const full = join(root, path);
    if (!existsSync(full)) throw new Error(`${path} is missing: run npm run build first`);
    return readFileSync(full);
  };
  const database = JSON.stringify(
    JSON.parse(readFileSync(join(root, 'server-embedded/devices/config/builtin-devices.json'), 'utf8')),
  );
  return [
    row(
      'plugkit-browser.mjs (client + server + Web Bluetooth, minified)',
      file('dist/browser/plugkit-browser.mjs'),
    ),
    row('plugkit.iife.js (client only, minified)', file('dist/browser/plugkit.iife.js')),
    row('built-in device database (JSON, inside plugkit-browser.mjs)', new TextEncoder().encode(database)),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await browserBench();
  console.log('| bundle | raw | gzip |');
  console.log('|---|---|---|');
  for (const r of rows)
    console.log(`| ${r['name']} | ${r['raw']} (${r['rawBytes']} B) | ${r['gzip']} (${r['gzipBytes']} B) |`);
}
