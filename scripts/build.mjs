// Builds dist/: TypeScript (ESM + declarations), the built-in device database, the CLI entry.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
mkdirSync('dist/server-embedded/devices/config', { recursive: true });
copyFileSync(
  'server-embedded/devices/config/builtin-devices.json',
  'dist/server-embedded/devices/config/builtin-devices.json',
);
// The pattern JSON Schema ships beside the haptics module (package export `plugkit/pattern.schema.json`).
mkdirSync('dist/sdk/haptics', { recursive: true });
copyFileSync('sdk/haptics/pattern.schema.json', 'dist/sdk/haptics/pattern.schema.json');
// The dashboard page is plain static files (no build step); the dashboard serves them from beside its code.
cpSync('server-embedded/dashboard/static', 'dist/server-embedded/dashboard/static', { recursive: true });
writeFileSync(
  'dist/cli.js',
  "#!/usr/bin/env node\nimport { main } from './server-embedded/cli/main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n",
);
chmodSync('dist/cli.js', 0o755);
// Bundles (browser, GodotJS) are built by scripts/bundle.mjs when present.
if (existsSync('scripts/bundle.mjs')) await import('./bundle.mjs');
// The GodotJS binding (dist/godot/plugkit-godot.cjs + script template).
if (existsSync('scripts/build-godot.mjs')) await import('./build-godot.mjs');
