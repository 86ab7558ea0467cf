// Builds dist/: TypeScript (ESM + declarations), the built-in device database (plain, and
// precomputed for a fast start), and the CLI as one bundle.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});

const dbDir = 'dist/server-embedded/devices/config';
mkdirSync(dbDir, { recursive: true });
copyFileSync('server-embedded/devices/config/builtin-devices.json', `${dbDir}/builtin-devices.json`);
// The start-up form: communication rules as JSON, each protocol's definitions as JSON text parsed
// on first lookup (see PrecomputedDatabase in server-embedded/devices/config/load.ts).
const { toPrecomputed } = await import(`../${dbDir}/load.js`);
const data = JSON.parse(readFileSync('server-embedded/devices/config/builtin-devices.json', 'utf8'));
writeFileSync(`${dbDir}/builtin-devices.precomputed.json`, JSON.stringify(toPrecomputed(data)));

// dist/cli.js: one ESM bundle, so `plugkit serve` loads one file instead of a graph of hundreds.
// Modules a command does not need stay unevaluated (esbuild keeps dynamic imports lazy). Native
// and optional packages stay outside and are imported from node_modules when a backend asks.
await build({
  stdin: {
    contents:
      "import { main } from './server-embedded/cli/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
    resolveDir: '.',
    sourcefile: 'cli-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/cli.js',
  // Less text to read and compile at every start; names stay (errors and stacks keep them).
  minifyWhitespace: true,
  minifySyntax: true,
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
  define: { PLUGKIT_DEVICE_DB_DIR: JSON.stringify('./server-embedded/devices/config/') },
  banner: {
    // Bundled CommonJS packages (ws) require Node built-ins; an ESM bundle has no `require`.
    js: "#!/usr/bin/env node\nimport { createRequire as __plugkitRequire } from 'node:module';\nconst require = __plugkitRequire(import.meta.url);",
  },
});
chmodSync('dist/cli.js', 0o755);
// Bundles (browser, GodotJS) are built by scripts/bundle.mjs when present.
if (existsSync('scripts/bundle.mjs')) await import('./bundle.mjs');
