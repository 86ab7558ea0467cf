import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, NOT_IN_GODOTJS, ROOT, compiledTemplate, quickjsGlobals } from './stand-in/engines.js';

/** What GodotJS gives every script, on every engine (bridge/jsb_essentials.cpp). */
const GODOTJS_GLOBALS = `
declare var console: { log(...a: unknown[]): void; info(...a: unknown[]): void; debug(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void; assert(c: unknown, ...a: unknown[]): void; trace(...a: unknown[]): void; time(l?: string): void; timeEnd(l?: string): void };
declare function setTimeout(fn: (...a: any[]) => void, ms?: number, ...a: any[]): number;
declare function setInterval(fn: (...a: any[]) => void, ms?: number, ...a: any[]): number;
declare function setImmediate(fn: (...a: any[]) => void, ...a: any[]): number;
declare function clearTimeout(id?: number): void;
declare function clearInterval(id?: number): void;
declare function clearImmediate(id?: number): void;
declare function require(id: string): any;
declare var module: { exports: any };
declare var exports: any;
`;

/** TypeScript's "cannot find name" family: a free identifier no declaration covers. */
const UNKNOWN_NAME = new Set([2304, 2552, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593]);

/** Free identifiers in `code` that neither ECMAScript (ES2022) nor GodotJS's globals declare. */
function unknownGlobals(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'plugkit-godot-lint-'));
  try {
    const file = join(dir, 'bundle.js');
    const globals = join(dir, 'godotjs-globals.d.ts');
    writeFileSync(file, code);
    writeFileSync(globals, GODOTJS_GLOBALS);
    const program = ts.createProgram([file, globals], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
      skipDefaultLibCheck: true,
    });
    const names = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => UNKNOWN_NAME.has(d.code) && d.file?.fileName === file)
      .map((d) => /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, '\n'))?.[1] ?? '?');
    return [...new Set(names)].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const requires = (code: string) =>
  [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))].sort();

beforeAll(() => {
  const sources = join(ROOT, 'bindings/godot-js');
  const stale =
    !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < statSync(join(sources, 'plugkit-godot.ts')).mtimeMs;
  if (stale)
    execFileSync(process.execPath, ['scripts/build-godot.mjs'], {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: 120_000,
    });
});

describe('dist/godot/plugkit-godot.cjs (what a GodotJS game loads)', () => {
  it('requires nothing but godot.lib.api: the library entry GodotJS keeps snake_case in every project', () => {
    expect(requires(readFileSync(BUNDLE, 'utf8'))).toEqual(['godot.lib.api']);
  });

  it(
    'references no global beyond ECMAScript, console and timers (no process, Buffer, TextEncoder, WebSocket, fetch)',
    { timeout: 60_000 },
    () => {
      const code = readFileSync(BUNDLE, 'utf8');
      expect(unknownGlobals(code)).toEqual([]);
      // Reads through globalThis escape the check above; each must be feature-tested where used.
      const viaGlobalThis = [...new Set([...code.matchAll(/globalThis\.(\w+)/g)].map((m) => m[1]))];
      expect(viaGlobalThis).toEqual(['performance']);
      expect(code).toMatch(
        /var perf = globalThis\.performance;\s*\n\s*var realClock = \{\s*\n\s*now: perf && typeof perf\.timeOrigin === "number"/,
      );
    },
  );

  it('the lint itself finds Node globals (it is not vacuous)', () => {
    expect(
      unknownGlobals('process.env.X; Buffer.from("a"); new TextEncoder(); setTimeout(() => 0, 1);'),
    ).toEqual(['Buffer', 'TextEncoder', 'process']);
  });

  it('the script template, compiled as GodotJS compiles it, requires only godot, godot.annotations and plugkit-godot', () => {
    const code = compiledTemplate();
    expect(requires(code)).toEqual(['godot', 'godot.annotations', 'plugkit-godot']);
    expect(unknownGlobals(code)).toEqual([]);
    expect(existsSync(join(ROOT, 'dist/godot/plugkit.ts'))).toBe(true);
  });

  it('the QuickJS-ng game context loses every host global GodotJS does not promise', async () => {
    const standard = new Set(
      Object.getOwnPropertyNames(globalThis).filter(
        (n) =>
          /^[A-Z]/.test(n) ||
          [
            'globalThis',
            'eval',
            'isFinite',
            'isNaN',
            'parseFloat',
            'parseInt',
            'decodeURI',
            'decodeURIComponent',
            'encodeURI',
            'encodeURIComponent',
            'escape',
            'unescape',
            'undefined',
            'NaN',
            'Infinity',
          ].includes(n),
      ),
    );
    const hostOnly = (await quickjsGlobals()).filter((n) => !standard.has(n) && !/^[A-Z]/.test(n));
    // QuickJS-ng's own extras (e.g. performance, queueMicrotask) are deleted by engines.ts.
    expect(hostOnly.filter((n) => !NOT_IN_GODOTJS.includes(n))).toEqual([]);
  });
});
