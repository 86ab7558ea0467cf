// Type-level check (never run): package-types.d.ts (shipped as plugkit-godot.d.ts), which GodotJS projects compile the template
// against, must describe the real PlugkitGodot; a drift fails scripts/check-godot-types.mjs.
import type { DEFAULT_HELPER_ARGS as DeclaredArgs, PlugkitGodot as Declared } from './package-types';
import type { DEFAULT_HELPER_ARGS as ActualArgs, PlugkitGodot as Actual } from './index.js';

type Assert<T extends true> = T;
export type ClassMatches = Assert<[typeof Actual] extends [typeof Declared] ? true : false>;
export type InstanceMatches = Assert<[Actual] extends [Declared] ? true : false>;
export type ArgsMatch = Assert<[typeof ActualArgs] extends [typeof DeclaredArgs] ? true : false>;
