/**
 * Runs the script template, the plugkit-godot bundle and the stand-in godot modules in a JS
 * engine, the way GodotJS loads them (CommonJS factories behind its own `require`), and drives
 * them through driver.cjs. Two engines: Node's own V8, and QuickJS-ng (WASM) whose globals are
 * cut down to what GodotJS provides: the ECMAScript built-ins, console and timers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as variantModule from '@jitl/quickjs-ng-wasmfile-release-sync';
import {
  type QuickJSSyncVariant,
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
} from 'quickjs-emscripten-core';
import { HOST_METHODS, type NodeHost } from './host.js';

// A CommonJS package: depending on the loader its variant is `default` or `default.default`.
const ns = variantModule as unknown as { default: QuickJSSyncVariant | { default: QuickJSSyncVariant } };
const variant: QuickJSSyncVariant = 'default' in ns.default ? ns.default.default : ns.default;

export const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
export const BUNDLE = join(ROOT, 'dist/godot/plugkit-godot.cjs');
const TEMPLATE = join(ROOT, 'bindings/godot-js/template/plugkit.ts');
const here = import.meta.dirname;

/** What a test does with a game: boot the node, tick frames, call its methods, read signals. */
export interface GameEngine {
  readonly kind: 'node' | 'quickjs-ng';
  boot(props: Record<string, unknown>): { exports: string[]; signals: string[] };
  tick(): void;
  call(method: string, ...args: unknown[]): unknown;
  setMedia(positionSeconds: number, playing: boolean): void;
  takeSignals(): unknown[][];
  quit(): void;
  helperPid(): number;
  dispose(): void;
}

/** The template compiled as GodotJS compiles project scripts: tsc, CommonJS, TC39 decorators. */
export function compiledTemplate(): string {
  return ts.transpileModule(readFileSync(TEMPLATE, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
}

/** Module sources by id; `godot*` come from the stand-in factory given the host. */
function sources(): Record<string, string> {
  return {
    'godot-stand-in': readFileSync(join(here, 'godot.cjs'), 'utf8'),
    'godot-driver': readFileSync(join(here, 'driver.cjs'), 'utf8'),
    'plugkit-godot': readFileSync(BUNDLE, 'utf8'),
    'plugkit-template': compiledTemplate(),
  };
}

const LOADER = `
var __factories = {}, __modules = {};
function require(id) {
  if (__modules[id]) return __modules[id].exports;
  var factory = __factories[id];
  if (!factory) throw new Error('unknown module: ' + id);
  var module = { exports: {} };
  __modules[id] = module;
  factory(module.exports, require, module);
  return module.exports;
}
__factories['godot'] = function (e, r, module) { module.exports = __standIn().godot; };
__factories['godot.lib.api'] = function (e, r, module) { module.exports = __standIn().libApi; };
__factories['godot.annotations'] = function (e, r, module) { module.exports = __standIn().annotations; };
var __standInValue;
function __standIn() { return __standInValue || (__standInValue = require('godot-stand-in')(__host)); }
`;

const wrap = (id: string, code: string) =>
  `__factories[${JSON.stringify(id)}] = function (exports, require, module) {\n${code}\n};`;

interface Driver {
  boot(props: string): string;
  tick(): void;
  call(method: string, args: string): string;
  setMedia(p: number, playing: boolean): void;
  takeSignals(): string;
  quit(): void;
  helperPid(): number;
}

function gameOver(kind: GameEngine['kind'], driver: Driver, dispose: () => void): GameEngine {
  return {
    kind,
    boot: (props) =>
      JSON.parse(driver.boot(JSON.stringify(props))) as { exports: string[]; signals: string[] },
    tick: () => driver.tick(),
    call: (method, ...args) => JSON.parse(driver.call(method, JSON.stringify(args))) as unknown,
    setMedia: (p, playing) => driver.setMedia(p, playing),
    takeSignals: () => JSON.parse(driver.takeSignals()) as unknown[][],
    quit: () => driver.quit(),
    helperPid: () => driver.helperPid(),
    dispose,
  };
}

/** The game in Node's V8 (GodotJS's default engine), in a function scope per module. */
export function nodeEngine(host: NodeHost): GameEngine {
  const scope: Record<string, unknown> = {};
  new Function(
    '__host',
    '__scope',
    `${LOADER}\n__scope.require = require;\n__scope.factories = __factories;`,
  )(host, scope);
  const factories = scope.factories as Record<string, unknown>;
  for (const [id, code] of Object.entries(sources()))
    factories[id] = new Function('exports', 'require', 'module', code);
  const require = scope.require as (id: string) => unknown;
  const driver = (require('godot-driver') as (r: typeof require) => Driver)(require);
  return gameOver('node', driver, () => {});
}

/** Globals QuickJS-ng has but GodotJS does not promise on every engine; removed before loading. */
export const NOT_IN_GODOTJS = [
  'performance',
  'queueMicrotask',
  'navigator',
  'structuredClone',
  'WebSocket',
  'fetch',
  'TextEncoder',
  'TextDecoder',
  'gc',
  'print',
  'scriptArgs',
  'process',
  'Buffer',
];

/** The game in QuickJS-ng: only ECMAScript, console, timers, require and the host bridge. */
export async function quickjsEngine(host: NodeHost): Promise<GameEngine> {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const runtime = QuickJS.newRuntime();
  const vm = runtime.newContext();
  const errors: string[] = [];
  const timers = new Map<number, { handle: QuickJSHandle; timer: NodeJS.Timeout; repeat: boolean }>();
  let nextTimer = 1;

  const drain = () => {
    for (let i = 0; i < 1000; i++) {
      const r = runtime.executePendingJobs();
      if (r.error) {
        errors.push(String(vm.dump(r.error)));
        r.error.dispose();
      } else if (r.value === 0) return;
    }
  };
  const run = (fn: QuickJSHandle, self: QuickJSHandle, ...args: QuickJSHandle[]): unknown => {
    const r = vm.callFunction(fn, self, ...args);
    if (r.error) {
      const e = vm.dump(r.error) as { message?: string; stack?: string };
      r.error.dispose();
      drain();
      throw new Error(`in QuickJS: ${e?.message ?? String(e)}\n${e?.stack ?? ''}`);
    }
    const value = vm.dump(r.value) as unknown;
    r.value.dispose();
    drain();
    return value;
  };
  const evaluate = (code: string, file: string) => {
    const r = vm.evalCode(code, file);
    if (r.error) {
      const e = vm.dump(r.error) as { message?: string };
      r.error.dispose();
      throw new Error(`loading ${file} in QuickJS: ${e?.message ?? String(e)}`);
    }
    r.value.dispose();
  };

  evaluate(`for (const k of ${JSON.stringify(NOT_IN_GODOTJS)}) delete globalThis[k];`, 'strip.js');
  const toHandle = (v: unknown): QuickJSHandle =>
    v === undefined || v === null
      ? vm.undefined
      : typeof v === 'string'
        ? vm.newString(v)
        : typeof v === 'number'
          ? vm.newNumber(v)
          : v
            ? vm.true
            : vm.false;
  const hostObject = vm.newObject();
  for (const name of HOST_METHODS) {
    const fn = vm.newFunction(name, (...args) =>
      toHandle((host[name] as (...a: unknown[]) => unknown)(...args.map((a) => vm.dump(a) as unknown))),
    );
    vm.setProp(hostObject, name, fn);
    fn.dispose();
  }
  vm.setProp(vm.global, '__host', hostObject);
  hostObject.dispose();

  const consoleObject = vm.newObject();
  for (const level of ['log', 'info', 'debug', 'warn', 'error'] as const) {
    const fn = vm.newFunction(level, (...args) => {
      if (level === 'error' || level === 'warn')
        console[level]('[quickjs]', ...args.map((a) => vm.dump(a) as unknown));
    });
    vm.setProp(consoleObject, level, fn);
    fn.dispose();
  }
  vm.setProp(vm.global, 'console', consoleObject);
  consoleObject.dispose();

  const addTimer = (repeat: boolean) => (fnHandle: QuickJSHandle, msHandle?: QuickJSHandle) => {
    const id = nextTimer++;
    const handle = fnHandle.dup();
    const ms = Math.max(0, Number(msHandle ? vm.dump(msHandle) : 0) || 0);
    const fire = () => {
      if (!timers.has(id)) return;
      if (!repeat) timers.delete(id);
      try {
        run(handle, vm.undefined);
      } catch (err) {
        errors.push((err as Error).message);
      }
      if (!repeat) handle.dispose();
    };
    timers.set(id, {
      handle,
      timer: repeat ? setInterval(fire, Math.max(1, ms)) : setTimeout(fire, ms),
      repeat,
    });
    return vm.newNumber(id);
  };
  const clearId = (id: number) => {
    const t = timers.get(id);
    if (!t) return;
    timers.delete(id);
    clearTimeout(t.timer);
    clearInterval(t.timer);
    t.handle.dispose();
  };
  const clear = (idHandle?: QuickJSHandle) => clearId(Number(idHandle ? vm.dump(idHandle) : 0));
  for (const [name, impl] of [
    ['setTimeout', addTimer(false)],
    ['setInterval', addTimer(true)],
    ['clearTimeout', clear],
    ['clearInterval', clear],
  ] as const) {
    const fn = vm.newFunction(name, impl);
    vm.setProp(vm.global, name, fn);
    fn.dispose();
  }

  evaluate(LOADER, 'loader.js');
  for (const [id, code] of Object.entries(sources())) evaluate(wrap(id, code), `${id}.js`);
  evaluate(`globalThis.__driver = require('godot-driver')(require);`, 'driver-boot.js');
  const driverHandle = vm.getProp(vm.global, '__driver');
  const method = (name: keyof Driver) => {
    const fn = vm.getProp(driverHandle, name);
    return (...args: unknown[]) => {
      const handles = args.map(toHandle);
      try {
        return run(fn, driverHandle, ...handles);
      } finally {
        for (const h of handles)
          if (h.alive && h !== vm.undefined && h !== vm.true && h !== vm.false) h.dispose();
      }
    };
  };
  const driver = {
    boot: method('boot'),
    tick: method('tick'),
    call: method('call'),
    setMedia: method('setMedia'),
    takeSignals: method('takeSignals'),
    quit: method('quit'),
    helperPid: method('helperPid'),
  } as unknown as Driver;
  const engine = gameOver('quickjs-ng', driver, () => {
    for (const [id] of [...timers]) clearId(id);
  });
  return Object.assign(engine, { errors });
}

/** A Node-side context sanity check: what the QuickJS global object holds besides ECMAScript. */
export async function quickjsGlobals(): Promise<string[]> {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const vm = QuickJS.newContext();
  const r = vm.unwrapResult(vm.evalCode('Object.getOwnPropertyNames(globalThis).join(",")'));
  const names = String(vm.dump(r)).split(',');
  r.dispose();
  vm.dispose();
  return names;
}

export type { QuickJSContext };
