// Builds dist/: TypeScript (ESM + declarations), the built-in device database (plain, and
// precomputed for a fast start), and the CLI as one bundle.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { rxjsEsmPlugin, stubsPlugin, wsLazyBuiltinsPlugin } from './esbuild-plugins.mjs';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});

// The pattern JSON Schema ships beside the haptics module (package export `plugkit/pattern.schema.json`).
mkdirSync('dist/sdk/haptics', { recursive: true });
copyFileSync('sdk/haptics/pattern.schema.json', 'dist/sdk/haptics/pattern.schema.json');
// The dashboard page is plain static files (no build step); the dashboard serves them from beside its code.
cpSync('server-embedded/dashboard/static', 'dist/server-embedded/dashboard/static', { recursive: true });

const dbDir = 'dist/server-embedded/devices/config';
mkdirSync(dbDir, { recursive: true });
copyFileSync('server-embedded/devices/config/builtin-devices.json', `${dbDir}/builtin-devices.json`);
// The start-up form: communication rules as JSON (read at start), and each protocol's definitions
// as JSON text in a second file, read on the first lookup and parsed per protocol (see
// PrecomputedDatabase in server-embedded/devices/config/load.ts).
const { toPrecomputed, splitPrecomputed } = await import(`../${dbDir}/load.js`);
const data = JSON.parse(readFileSync('server-embedded/devices/config/builtin-devices.json', 'utf8'));
const { index, definitions } = splitPrecomputed(toPrecomputed(data));
// ASCII only (other characters as \u escapes): Node decodes a pure-ASCII file several times faster.
const ascii = (value) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
writeFileSync(`${dbDir}/builtin-devices.precomputed.json`, ascii(index));
writeFileSync(`${dbDir}/builtin-devices.definitions.json`, ascii(definitions));

// The CLI: one CommonJS bundle, dist/cli/plugkit.cjs, run by dist/plugkit.cjs (the `plugkit`
// command) from a V8 code cache (see scripts/cli-launcher.cjs). Start-up is most of what a user
// waits for, and Node 20 keeps no compiled code for ES modules: one script with a code cache skips
// both the module-by-module loading and the compiling. Code behind a dynamic import (each
// command, the dashboard) is bundled but initialised only when imported, so `serve` never runs the
// device-test runner; yaml and the native and optional packages stay outside and are required from
// node_modules when a command or a backend asks for them.
rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: ['scripts/cli-entry.ts'],
  outfile: 'dist/cli/plugkit.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `import('node-hid')` becomes a require: every external package here is CommonJS, and a script
  // run through node:vm has no ES module loader behind its dynamic imports.
  supported: { 'dynamic-import': false },
  // Less text to read at every start. Identifiers are not shortened, so functions and classes keep
  // their names in stacks and logs without esbuild's keepNames, which wraps every closure made at
  // run time in a naming call (a cost on each command).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  external: [
    'yaml',
    '@abandonware/noble',
    '@abandonware/bluetooth-hci-socket',
    'node-hid',
    'serialport',
    '@serialport/*',
    'usb',
    '@resvg/resvg-js',
  ],
  plugins: [rxjsEsmPlugin(), wsLazyBuiltinsPlugin(), stubsPlugin(['bufferutil', 'utf-8-validate'])],
  define: {
    // Where the device database and the dashboard page lie seen from dist/cli/.
    PLUGKIT_DEVICE_DB_DIR: JSON.stringify('../server-embedded/devices/config/'),
    PLUGKIT_DASHBOARD_DIR: JSON.stringify('../server-embedded/dashboard/static/'),
    'import.meta.url': '__plugkitModuleUrl',
  },
  banner: { js: "var __plugkitModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const bundleId = createHash('sha256').update(readFileSync('dist/cli/plugkit.cjs')).digest('hex').slice(0, 16);
writeFileSync(
  'dist/plugkit.cjs',
  readFileSync('scripts/cli-launcher.cjs', 'utf8').replaceAll('BUILD_ID', bundleId),
);
chmodSync('dist/plugkit.cjs', 0o755);
// `node dist/cli.js` keeps working (DESIGN.md names it); it starts the same launcher.
writeFileSync(
  'dist/cli.js',
  "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\n\ncreateRequire(import.meta.url)('./plugkit.cjs');\n",
);
chmodSync('dist/cli.js', 0o755);
await writeCodeCache(`dist/cli/plugkit.${bundleId}.cache`);

// Bundles (browser, GodotJS) are built by scripts/bundle.mjs when present.
if (existsSync('scripts/bundle.mjs')) await import('./bundle.mjs');
// The GodotJS binding (dist/godot/plugkit-godot.cjs + script template).
if (existsSync('scripts/build-godot.mjs')) await import('./build-godot.mjs');
// Written last: `npm run serve` rebuilds only when a source is newer than this (the steps above also
// copy files into samples/, which must not count as a change).
writeFileSync('dist/.built', `${new Date().toISOString()}\n`);

/**
 * Runs `plugkit serve` once with PLUGKIT_WRITE_CODE_CACHE=1 and stops it after its ready line: the
 * launcher then saves what V8 compiled on that path, the code every start runs. Without a cache the
 * CLI still works, only slower to start, so a failure here is a warning.
 */
async function writeCodeCache(file) {
  const child = spawn(
    process.execPath,
    ['dist/plugkit.cjs', 'serve', '--websocket-port', '0', '--log', 'error'],
    {
      env: { ...process.env, PLUGKIT_WRITE_CODE_CACHE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stopping = false;
  child.stdout.on('data', (d) => {
    out += d;
    // Once: a second SIGTERM would find serve's handler gone and kill it before the cache is saved.
    if (!stopping && /listening on/.test(out)) stopping = child.kill('SIGTERM');
  });
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.once('exit', (c) => r(c)));
  clearTimeout(timer);
  if (code !== 0 || !existsSync(file))
    console.warn(`build: no code cache for the CLI (serve exited with ${code}): start-up is slower.\n${err}`);
}
