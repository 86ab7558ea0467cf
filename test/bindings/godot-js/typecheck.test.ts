import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './stand-in/engines.js';

/** Where scripts/check-godot-types.mjs finds the GodotJS typings (same rule). */
function typings(): string | undefined {
  if (process.env.GODOTJS_TYPINGS)
    return existsSync(process.env.GODOTJS_TYPINGS) ? process.env.GODOTJS_TYPINGS : undefined;
  for (let dir = dirname(ROOT), i = 0; i < 3; dir = dirname(dir), i++)
    if (existsSync(join(dir, 'shared/reference/godotjs-typings/godot.minimal.d.ts')))
      return join(dir, 'shared/reference/godotjs-typings');
  return undefined;
}

const found = typings();
if (!found)
  console.warn(
    'GodotJS typings not found (../shared/reference/godotjs-typings or $GODOTJS_TYPINGS): the Godot type check is SKIPPED',
  );

describe.skipIf(!found)('bindings/godot-js and samples/godot against the GodotJS typings', () => {
  it(
    'type-check (Godot API names and signatures, decorators, the shipped .d.ts)',
    { timeout: 120_000 },
    () => {
      const out = execFileSync(process.execPath, ['scripts/check-godot-types.mjs'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 110_000,
      });
      expect(out).toContain('godot types: OK');
    },
  );
});
