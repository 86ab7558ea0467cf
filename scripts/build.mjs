// Builds dist/: TypeScript (ESM + declarations), the built-in device database (plain, and
// precomputed for a fast start), and the CLI as one bundle.
import { execFileSync } from 'node:child_process';
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
import { resolve } from 'node:path';
import { build } from 'esbuild';

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
// The start-up form: communication rules as JSON, each protocol's definitions as JSON text parsed
// on first lookup (see PrecomputedDatabase in server-embedded/devices/config/load.ts).
const { toPrecomputed } = await import(`../${dbDir}/load.js`);
const data = JSON.parse(readFileSync('server-embedded/devices/config/builtin-devices.json', 'utf8'));
writeFileSync(`${dbDir}/builtin-devices.precomputed.json`, JSON.stringify(toPrecomputed(data)));

// The CLI: one esbuild bundle in dist/cli/, started by dist/cli.js. `plugkit serve` loads a few
// files instead of a graph of hundreds. Each command's code is its own chunk (esbuild splits at the
// dynamic imports), so `serve` never loads the device-test runner or yaml. Native and optional
// packages stay outside and are imported from node_modules when a backend asks for them.
rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: [{ in: 'scripts/cli-entry.ts', out: 'main' }],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/cli',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  // Less text to read and compile at every start; names stay (errors and stacks keep them).
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  external: [
    '@abandonware/noble',
    '@abandonware/bluetooth-hci-socket',
    'node-hid',
    'serialport',
    '@serialport/*',
    'usb',
    '@resvg/resvg-js',
    'bufferutil',
    'utf-8-validate',
  ],
  plugins: [
    {
      // rxjs's "node" export is CommonJS, which cannot be tree-shaken; its ES modules can.
      name: 'rxjs-esm',
      setup(b) {
        b.onResolve({ filter: /^rxjs$/ }, () => ({ path: resolve('node_modules/rxjs/dist/esm/index.js') }));
      },
    },
  ],
  // Where the device database lies seen from dist/cli/ (see server-embedded/devices/config/load.ts).
  define: {
    PLUGKIT_DEVICE_DB_DIR: JSON.stringify('../server-embedded/devices/config/'),
    PLUGKIT_DASHBOARD_DIR: JSON.stringify('../server-embedded/dashboard/static/'),
  },
  banner: {
    // Bundled CommonJS packages (ws) require Node built-ins; an ESM bundle has no `require`.
    js: "import { createRequire as __plugkitRequire } from 'node:module';\nconst require = __plugkitRequire(import.meta.url);",
  },
});
writeFileSync('dist/cli.js', "#!/usr/bin/env node\nimport './cli/main.js';\n");
chmodSync('dist/cli.js', 0o755);
// Bundles (browser, GodotJS) are built by scripts/bundle.mjs when present.
if (existsSync('scripts/bundle.mjs')) await import('./bundle.mjs');
// The GodotJS binding (dist/godot/plugkit-godot.cjs + script template).
if (existsSync('scripts/build-godot.mjs')) await import('./build-godot.mjs');
// Written last: `npm run serve` rebuilds only when a source is newer than this (the steps above also
// copy files into samples/, which must not count as a change).
writeFileSync('dist/.built', `${new Date().toISOString()}\n`);
