/** A CommonJS module imported from ESM: its exports, whether Node put them on `default` or not. */
export const interop = <T>(mod: unknown): T => ((mod as { default?: unknown }).default ?? mod) as T;
