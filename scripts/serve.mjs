// `npm run serve -- FLAGS`: builds only when a source changed since the last build, then runs
// `plugkit serve FLAGS` in this process (so Ctrl-C reaches the server directly).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUTPUT = path.join(root, 'dist/.built'); // written last by scripts/build.mjs
const SOURCES = [
  'sdk',
  'server-embedded',
  'runtimes',
  'samples',
  'scripts',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** Newest modification time under `p` (a file or a folder, walked without following links). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs; // a deleted file changes its folder's time
  for (const e of readdirSync(p, { withFileTypes: true }))
    if (e.isDirectory() || e.isFile()) max = Math.max(max, newest(path.join(p, e.name)));
  return max;
}

const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
const changed = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
if (changed > built) {
  console.error(built ? 'plugkit: sources changed since the last build; building…' : 'plugkit: building…');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
const { main } = await import(pathToFileURL(path.join(root, 'dist/server-embedded/cli/main.js')).href);
process.exitCode = await main(['serve', ...process.argv.slice(2)]);
