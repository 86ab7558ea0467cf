// esbuild plugins for the executable's bundle: native addons come from SEA assets, files that
// modules read beside themselves come from SEA assets, optional requires are stubbed.
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const EMBEDDED_ROOT = 'file:///__plugkit_sea__/';
const NATIVE_CACHE = resolve(HERE, 'native-cache.ts');

const posix = (p) => p.split(sep).join('/');
const inPackage = (importer, name) => posix(importer).includes(`/node_modules/${name}/`);

/**
 * `addons`: key → { asset, file, sha256, version } | { missing }. Each way a package loads its
 * addon becomes a tiny module calling loadNative with the matching entry.
 */
export function nativeAddonsPlugin(addons) {
  const entry = (key) => JSON.stringify(addons[key] ?? { missing: key });
  const loader = `const { loadNative } = require(${JSON.stringify(NATIVE_CACHE)});\n`;
  return {
    name: 'plugkit-native-addons',
    setup(build) {
      // node-gyp-build(dir): serialport, usb, noble (macOS/Windows).
      build.onResolve({ filter: /^node-gyp-build$/ }, (args) => {
        const key = inPackage(args.importer, '@serialport/bindings-cpp')
          ? 'serialport'
          : inPackage(args.importer, 'usb')
            ? 'usb'
            : inPackage(args.importer, '@abandonware/noble')
              ? 'noble'
              : undefined;
        if (!key)
          return {
            errors: [{ text: `node-gyp-build used by ${args.importer}: add its addon to scripts/sea` }],
          };
        return { path: key, namespace: 'plugkit-native', pluginData: 'gyp' };
      });
      // pkg-prebuilds/bindings(dir, { name }): node-hid, HID or HID_hidraw.
      build.onResolve({ filter: /^pkg-prebuilds\/bindings$/ }, (args) =>
        inPackage(args.importer, 'node-hid')
          ? { path: 'node-hid', namespace: 'plugkit-native', pluginData: 'prebuilds' }
          : { errors: [{ text: `pkg-prebuilds used by ${args.importer}: add its addon to scripts/sea` }] },
      );
      // require('../build/Release/x.node'): the Bluetooth HCI socket.
      build.onResolve({ filter: /\.node$/ }, (args) =>
        inPackage(args.importer, '@abandonware/bluetooth-hci-socket')
          ? { path: 'bluetooth-hci-socket', namespace: 'plugkit-native', pluginData: 'direct' }
          : { errors: [{ text: `${args.path} required by ${args.importer}: add its addon to scripts/sea` }] },
      );
      build.onLoad({ filter: /.*/, namespace: 'plugkit-native' }, (args) => {
        const body =
          args.pluginData === 'gyp'
            ? `module.exports = () => loadNative(${entry(args.path)});`
            : args.pluginData === 'prebuilds'
              ? `const table = { HID: ${entry('node-hid/HID')}, HID_hidraw: ${entry('node-hid/HID_hidraw')} };\n` +
                `module.exports = (dir, options) => loadNative(table[options.name] ?? { missing: 'node-hid ' + options.name });`
              : `module.exports = loadNative(${entry(args.path)});`;
        return { contents: loader + body, loader: 'js', resolveDir: HERE };
      });
    },
  };
}

/**
 * plugkit's own modules: `import.meta.url` becomes a URL under the embedded root (a CommonJS
 * bundle has no import.meta), and their fs imports go through shims that serve embedded files.
 */
export function embeddedFilesPlugin() {
  const ours = (p) => {
    const rel = posix(relative(ROOT, p));
    return !rel.startsWith('..') && !rel.startsWith('node_modules/') && !rel.startsWith('scripts/');
  };
  return {
    name: 'plugkit-embedded-files',
    setup(build) {
      build.onResolve({ filter: /^(node:)?fs(\/promises)?$/ }, (args) => {
        if (!ours(args.importer)) return undefined;
        return { path: resolve(HERE, args.path.endsWith('promises') ? 'fs-promises-shim.ts' : 'fs-shim.ts') };
      });
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!ours(args.path)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const url = JSON.stringify(EMBEDDED_ROOT + posix(relative(ROOT, args.path)));
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}
