// esbuild plugins shared by the CLI bundle (scripts/build.mjs) and the executable's bundle
// (scripts/build-sea.mjs).
import { resolve } from 'node:path';

/** rxjs's "node" export is CommonJS, which cannot be tree-shaken; its ES modules can. */
export function rxjsEsmPlugin() {
  return {
    name: 'rxjs-esm',
    setup(b) {
      b.onResolve({ filter: /^rxjs$/ }, () => ({ path: resolve('node_modules/rxjs/dist/esm/index.js') }));
    },
  };
}

/**
 * ws loads https and tls (for its client) and zlib (for permessage-deflate, which plugkit's
 * listener does not offer) when it loads; `serve` needs none of them. Inside ws they become
 * objects that load the module on first use, which saves their start-up cost.
 */
export function wsLazyBuiltinsPlugin() {
  return {
    name: 'ws-lazy-builtins',
    setup(b) {
      b.onResolve({ filter: /^(https|tls|zlib)$/ }, (args) =>
        /[\\/]node_modules[\\/]ws[\\/]lib[\\/]/.test(args.importer)
          ? { path: args.path, namespace: 'lazy-builtin' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: `let m;\nmodule.exports = new Proxy({}, { get: (_, key) => (m ??= require('node:${args.path}'))[key] });\n`,
        loader: 'js',
      }));
    },
  };
}
