// npm run build:godot: the GodotJS binding as one CommonJS file (sdk + rxjs inside, only Godot's
// own modules left to require) plus the script template, in dist/godot/; and a copy of both in
// samples/godot (node_modules/plugkit-godot/ and plugkit.ts), which git ignores.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/godot');
const bundle = join(out, 'plugkit-godot.cjs');

/** Modules GodotJS itself provides; everything else is bundled in. */
export const GODOT_MODULES = ['godot', 'godot.lib.api', 'godot.annotations', 'godot-jsb'];

await build({
  entryPoints: [join(root, 'bindings/godot-js/index.ts')],
  bundle: true,
  // GodotJS loads CommonJS only, on V8 or QuickJS(-ng): no Node built-ins, no DOM.
  platform: 'neutral',
  format: 'cjs',
  mainFields: ['module', 'main'],
  target: 'es2020',
  external: GODOT_MODULES,
  // GodotJS has no `process`; rxjs and others read nothing from it once this is fixed at build time.
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'inline',
  logLevel: 'warning',
  outfile: bundle,
});
copyFileSync(join(root, 'bindings/godot-js/template/plugkit.ts'), join(out, 'plugkit.ts'));
copyFileSync(join(root, 'bindings/godot-js/package-types.d.ts'), join(out, 'plugkit-godot.d.ts'));
const pkg = { name: 'plugkit-godot', private: true, main: 'plugkit-godot.cjs', types: 'plugkit-godot.d.ts' };
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// The sample project gets the same files, as a game developer would lay them out.
const sample = join(root, 'samples/godot');
const modules = join(sample, 'node_modules/plugkit-godot');
mkdirSync(modules, { recursive: true });
for (const f of ['plugkit-godot.cjs', 'plugkit-godot.d.ts', 'package.json'])
  copyFileSync(join(out, f), join(modules, f));
copyFileSync(join(out, 'plugkit.ts'), join(sample, 'plugkit.ts'));
console.log(`build:godot: ${bundle}, ${join(out, 'plugkit.ts')}; copied into samples/godot`);
