// Bundles the whole server for a web page (runtimes/browser/index.ts → dist/browser/plugkit-browser.mjs,
// the `plugkit/browser` export): client, server core, protocols, device database, Web Bluetooth.
// Run by bundle.mjs; its tests run it alone so they do not rewrite the bundles other tests load.
import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * In the page build, the device database comes from load-browser.ts (the built-in data bundled
 * in, no node:fs) instead of load.ts. Any other Node module fails the build (platform browser).
 */
const NODE_LOADER = resolve('server-embedded/devices/config/load.js');
const browserDatabase = {
  name: 'browser-device-database',
  setup(b) {
    b.onResolve({ filter: /load\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === NODE_LOADER
        ? { path: resolve('server-embedded/devices/config/load-browser.ts') }
        : undefined,
    );
  },
};

await build({
  entryPoints: ['runtimes/browser/index.ts'],
  bundle: true,
  sourcemap: true,
  target: 'es2020',
  legalComments: 'linked',
  logLevel: 'warning',
  platform: 'browser',
  format: 'esm',
  // A page loads it as is: minified, its source map beside it.
  minify: true,
  plugins: [browserDatabase],
  outfile: 'dist/browser/plugkit-browser.mjs',
});
