import { PlugkitError } from '../../protocol/index.js';

/** Field readers for importers: every error names the JSON path in the source file. */
export function importError(format: string, path: string, message: string): PlugkitError {
  return new PlugkitError('INVALID_ARGUMENT', 'BadHapticFile', `${format} ${path || '(root)'}: ${message}`);
}

type Obj = Record<string, unknown>;

export function reader(format: string) {
  const show = (v: unknown) => JSON.stringify(v) ?? String(v);
  return {
    obj(v: unknown, path: string): Obj {
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw importError(format, path, `must be an object; got ${show(v)}.`);
      return v as Obj;
    },
    arr(v: unknown, path: string): unknown[] {
      if (!Array.isArray(v)) throw importError(format, path, `must be an array; got ${show(v)}.`);
      return v;
    },
    num(v: unknown, path: string, min = -Infinity, max = Infinity): number {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw importError(format, path, `must be a number; got ${show(v)}.`);
      if (v < min || v > max) throw importError(format, path, `must be from ${min} to ${max}; got ${v}.`);
      return v;
    },
    str(v: unknown, path: string): string {
      if (typeof v !== 'string') throw importError(format, path, `must be a string; got ${show(v)}.`);
      return v;
    },
    json(v: unknown): unknown {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch (err) {
        throw importError(format, '', `is not valid JSON: ${(err as Error).message}`);
      }
    },
  };
}

/** Seconds (file time) to whole-ish ms, rounded to 0.1 ms. */
export const ms = (seconds: number): number => Math.round(seconds * 10000) / 10;
