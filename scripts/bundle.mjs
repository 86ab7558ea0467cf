// Bundles the client (sdk/index.ts, rxjs included) for runtimes without npm resolution:
// browsers (ESM + IIFE with global `plugkit`) and GodotJS (CommonJS). The whole server for web
// pages (`plugkit/browser`) is bundled by bundle-page.mjs, run at the end.
import { build } from 'esbuild';

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
  // GodotJS runs CommonJS modules on a bare JS engine: no Node built-ins, no DOM.
  build({
    ...common,
    platform: 'neutral',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile: 'dist/godot/plugkit.cjs',
  }),
]);

await import('./bundle-page.mjs');
