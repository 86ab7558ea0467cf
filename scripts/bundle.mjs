// Bundles the client (sdk/index.ts, rxjs included) for runtimes without npm resolution:
// browsers (ESM + IIFE with global `plugkit`) and GodotJS (CommonJS); and the whole server for
// web pages (runtimes/browser/index.ts → dist/browser/plugkit-browser.mjs, `plugkit/browser`).
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

const common = {
  entryPoints: ['sdk/index.ts'],
  bundle: true,
  sourcemap: true,
  target: 'es2020',
  legalComments: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, platform: 'browser', format: 'esm', outfile: 'dist/browser/plugkit.mjs' }),
  build({
    ...common,
    platform: 'browser',
    format: 'iife',
    globalName: 'plugkit',
    // The file people drop into a page with a <script> tag: minified, its source map beside it.
    minify: true,
    outfile: 'dist/browser/plugkit.iife.js',
  }),
  build({
    ...common,
    entryPoints: ['runtimes/browser/index.ts'],
    platform: 'browser',
    format: 'esm',
    // A page loads it as is: minified, its source map beside it.
    minify: true,
    plugins: [browserDatabase],
    outfile: 'dist/browser/plugkit-browser.mjs',
  }),
  // GodotJS runs CommonJS modules on a bare JS engine: no Node built-ins, no DOM.
  build({
    ...common,
    platform: 'neutral',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile: 'dist/godot/plugkit.cjs',
  }),
]);
