// `npm run build:sea`: builds dist/sea/plugkit-server (plugkit-server.exe on Windows), one
// executable running `plugkit serve` with every flag: the CLI bundled by esbuild, the built-in
// device database and the native addons of serialport, node-hid, usb and the Bluetooth socket as
// SEA assets, all injected into a copy of the node binary that runs this script.
//
// Same command on every OS; build on each target OS/arch (the blob's code cache and the addons
// are tied to the platform and the node version). Per platform:
//   Linux:   the node copy is stripped (`strip`, binutils) first: ~12 MB less, same behaviour.
//   macOS:   the copy's signature is removed, postject gets --macho-segment-name NODE_SEA, and the
//            result is signed ad hoc (`codesign --sign -`); sign it with your identity to ship.
//   Windows: postject works on the unsigned copy; sign the .exe afterwards (signtool) to ship.
// Use a release node (22 or 24 LTS) for builds you ship; the build uses whichever node runs it.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { fileHash, findAddons } from './sea/native-addons.mjs';
import { stubsPlugin, wsLazyBuiltinsPlugin } from './esbuild-plugins.mjs';
import { embeddedFilesPlugin, nativeAddonsPlugin } from './sea/plugins.mjs';

const t0 = performance.now();
const OUT = 'dist/sea';
const WORK = join(OUT, 'build');
const exe = join(OUT, process.platform === 'win32' ? 'plugkit-server.exe' : 'plugkit-server');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const step = (what) => console.log(`build:sea ${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

// Assets: files modules read beside themselves, and the native addons found for this platform.
const assets = {
  'files/server-embedded/devices/config/builtin-devices.json':
    'server-embedded/devices/config/builtin-devices.json',
  'files/package.json': join(WORK, 'package.json'),
};
// The start-up form of the database, when `npm run build` has written it (see load.ts): the
// communication rules at start, the definitions on the first lookup. Without it the executable
// reads the plain database above.
for (const name of ['builtin-devices.precomputed.json', 'builtin-devices.definitions.json']) {
  const built = `dist/server-embedded/devices/config/${name}`;
  if (existsSync(built)) assets[`files/server-embedded/devices/config/${name}`] = built;
}
writeFileSync(assets['files/package.json'], JSON.stringify({ name: pkg.name, version: pkg.version }));
const addons = {};
for (const [key, found] of Object.entries(findAddons())) {
  if (found.missing) {
    console.log(`build:sea addon ${key}: not included — ${found.missing}`);
    addons[key] = { missing: found.missing };
    continue;
  }
  const asset = `native/${key}`;
  const sha256 = fileHash(found.file);
  assets[asset] = found.file;
  addons[key] = {
    asset,
    file: `${key.replace(/\W/g, '-')}-${sha256.slice(0, 16)}.node`,
    sha256,
    version: pkg.version,
  };
  console.log(`build:sea addon ${key}: ${found.file} (${statSync(found.file).size} bytes)`);
}

const bundle = join(WORK, 'plugkit-server.cjs');
await build({
  entryPoints: ['scripts/sea/entry.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${process.versions.node.split('.')[0]}`,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // ws would try these optional speed-ups; inside the executable they do not exist.
  define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
  plugins: [
    wsLazyBuiltinsPlugin(),
    nativeAddonsPlugin(addons),
    embeddedFilesPlugin(),
    // PNG pattern previews need resvg's native addon; the executable draws SVG only.
    stubsPlugin(['bufferutil', 'utf-8-validate', 'supports-color', '@resvg/resvg-js']),
  ],
});
step(`bundle ${statSync(bundle).size} bytes`);

const blob = join(WORK, 'sea-prep.blob');
const config = join(WORK, 'sea-config.json');
writeFileSync(
  config,
  JSON.stringify(
    { main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, assets },
    null,
    2,
  ),
);
execFileSync(process.execPath, ['--experimental-sea-config', config], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
step(`blob ${statSync(blob).size} bytes`);

rmSync(exe, { force: true });
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
const tryRun = (cmd, args, why) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
  } catch {
    console.log(`build:sea ${why} skipped (${cmd} not available)`);
  }
};
if (process.platform === 'linux') tryRun('strip', [exe], 'strip');
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
const postject = [
  'node_modules/postject/dist/cli.js',
  exe,
  'NODE_SEA_BLOB',
  blob,
  '--sentinel-fuse',
  'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : []),
];
// postject warns about ELF section names it cannot map; harmless, so only errors are shown.
execFileSync(process.execPath, postject, { stdio: ['ignore', 'ignore', 'pipe'] });
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
step(`${exe} ${statSync(exe).size} bytes`);
