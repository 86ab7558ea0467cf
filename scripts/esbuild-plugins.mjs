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

/**
 * Optional packages some dependencies try to require (ws: bufferutil, utf-8-validate), made
 * absent inside a bundle: the bundle then behaves the same whatever else is installed beside it,
 * and `serve` does not spend ~5 ms at every start resolving and loading bufferutil's native addon
 * (whose gain on Buttplug's short frames is nil).
 */
export function stubsPlugin(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'plugkit-stubs',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'plugkit-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'plugkit-stub' }, (args) => ({
        contents: `throw Object.assign(new Error('${args.path} is not part of this plugkit bundle'), { code: 'MODULE_NOT_FOUND' });`,
        loader: 'js',
      }));
    },
  };
}
