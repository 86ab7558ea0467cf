// Type-checks bindings/godot-js against GodotJS's generated typings (godot*.gen.d.ts…), which are
// reference data outside the repository: $GODOTJS_TYPINGS, else shared/reference/godotjs-typings
// in a folder above the repository. Exits 0 with a notice when they are absent.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The typings folder, or undefined. */
export function findTypings() {
  if (process.env.GODOTJS_TYPINGS)
    return existsSync(process.env.GODOTJS_TYPINGS) ? resolve(process.env.GODOTJS_TYPINGS) : undefined;
  for (let dir = dirname(root), i = 0; i < 3; dir = dirname(dir), i++) {
    const candidate = join(dir, 'shared/reference/godotjs-typings');
    if (existsSync(join(candidate, 'godot.minimal.d.ts'))) return candidate;
  }
  return undefined;
}

const typings = findTypings();
if (!typings) {
  console.log(
    'godot types: SKIPPED — GodotJS typings not found (set GODOTJS_TYPINGS to a folder with godot*.gen.d.ts)',
  );
  process.exit(0);
}
// The sample imports the template from its own folder, where build:godot copies it (git ignores it).
copyFileSync(join(root, 'bindings/godot-js/template/plugkit.ts'), join(root, 'samples/godot/plugkit.ts'));
const dir = mkdtempSync(join(tmpdir(), 'plugkit-godot-tsc-'));
const config = join(dir, 'tsconfig.json');
writeFileSync(
  config,
  JSON.stringify({
    extends: join(root, 'bindings/godot-js/tsconfig.json'),
    compilerOptions: { baseUrl: join(root, 'bindings/godot-js'), typeRoots: [] },
    include: [
      join(root, 'bindings/godot-js/**/*.ts'),
      join(root, 'samples/godot/*.ts'),
      join(typings, '*.d.ts'),
    ],
  }),
);
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], {
    stdio: 'inherit',
  });
  console.log(`godot types: OK against ${typings}`);
} catch {
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
