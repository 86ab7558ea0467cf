// Builds dist/: TypeScript (ESM + declarations), the built-in device database, the CLI entry.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
mkdirSync('dist/server-embedded/devices/config', { recursive: true });
copyFileSync(
  'server-embedded/devices/config/builtin-devices.json',
  'dist/server-embedded/devices/config/builtin-devices.json',
);
writeFileSync(
  'dist/cli.js',
  "#!/usr/bin/env node\nimport { main } from './server-embedded/cli/main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n",
);
chmodSync('dist/cli.js', 0o755);
// Bundles (browser, GodotJS) are built by scripts/bundle.mjs when present.
if (existsSync('scripts/bundle.mjs')) await import('./bundle.mjs');
// The GodotJS binding (dist/godot/plugkit-godot.cjs + script template).
if (existsSync('scripts/build-godot.mjs')) await import('./build-godot.mjs');
