/**
 * Native addons (serialport, node-hid, usb, Bluetooth HCI socket) inside the executable. Each
 * travels as a SEA asset; on first use it is written to a private per-user cache folder, keyed
 * by plugkit version and the addon's hash, checked against that hash before every load, then
 * loaded with `process.dlopen`. Nothing is loaded until a backend asks for it, so an addon that
 * cannot load costs only that backend.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants, homedir } from 'node:os';
import { join } from 'node:path';
import { getAsset, isSea } from 'node:sea';

/** What the build knows about one embedded addon. */
export interface NativeAddon {
  /** Asset key, e.g. `native/serialport`. */
  asset: string;
  /** File name in the cache folder. */
  file: string;
  /** sha256 of the addon, hex. */
  sha256: string;
  /** plugkit version the executable was built from. */
  version: string;
}

/** An addon that was not available on the build machine (e.g. noble's, which has no prebuilds). */
export interface MissingAddon {
  missing: string;
}

/** Environment variable naming the cache folder (for machines whose home is not writable). */
export const CACHE_ENV = 'PLUGKIT_CACHE_DIR';

/** The per-user cache root: $PLUGKIT_CACHE_DIR, else the platform's user cache folder + plugkit. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CACHE_ENV];
  if (override) return override;
  if (process.platform === 'win32')
    return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'plugkit', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'plugkit');
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'plugkit');
}

/** Error of the cache folder; its message says what to do. Its code is not an errno on purpose (callers map errnos to hardware reasons). */
export class NativeCacheError extends Error {
  readonly code = 'PLUGKIT_NATIVE_CACHE';
}

const cacheProblem = (dir: string, what: string, err?: unknown): NativeCacheError => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new NativeCacheError(
    `the native addon cache folder ${dir} ${what}${code ? ` (${code})` : ''}; ` +
      `set ${CACHE_ENV} to a folder only this user can write`,
    { cause: err },
  );
};

/** Creates the folder (mode 0700) and checks that it is ours alone: nobody else may swap an addon in it. */
function privateFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw cacheProblem(dir, 'cannot be created', err);
  }
  if (process.platform === 'win32') return; // per-user LOCALAPPDATA; no POSIX modes
  const st = statSync(dir);
  if (!st.isDirectory()) throw cacheProblem(dir, 'is not a folder');
  if (typeof process.getuid === 'function' && st.uid !== process.getuid())
    throw cacheProblem(dir, 'belongs to another user');
  if (st.mode & 0o022) {
    try {
      chmodSync(dir, 0o700);
    } catch (err) {
      throw cacheProblem(dir, 'is writable by other users', err);
    }
  }
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Does `file` hold exactly the addon? */
function intact(file: string, hash: string): boolean {
  try {
    return sha256(readFileSync(file)) === hash;
  } catch {
    return false;
  }
}

/** Writes the addon to the cache (temp file + rename, so a racing second helper never reads half a file). */
function extract(addon: NativeAddon, dir: string, file: string): void {
  const bytes = new Uint8Array(getAsset(addon.asset));
  if (sha256(bytes) !== addon.sha256)
    throw new Error(`the embedded ${addon.asset} does not match its hash; the executable is damaged`);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes, { mode: 0o700 });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw cacheProblem(dir, 'is not writable', err);
  }
}

let warned = false;

/**
 * Loads an embedded addon and returns its exports (what `require('x.node')` would). Throws with
 * a reason a person can act on: the cache folder cannot be used, or the addon cannot be loaded
 * on this system (e.g. a missing shared library, named by the loader's message).
 */
export function loadNative(addon: NativeAddon | MissingAddon): unknown {
  if ('missing' in addon)
    throw new Error(`the ${addon.missing} native addon was not built into this executable`);
  if (!isSea()) throw new Error(`${addon.asset}: embedded addons load only inside the plugkit executable`);
  const dir = join(cacheRoot(), 'native', `${addon.version}-${process.platform}-${process.arch}`);
  const file = join(dir, addon.file);
  try {
    privateFolder(dir);
    if (!intact(file, addon.sha256)) {
      extract(addon, dir, file);
      if (!intact(file, addon.sha256)) throw cacheProblem(dir, 'does not keep what is written to it');
    }
  } catch (err) {
    // Once on stderr, plainly: the backend line only says that its addon failed.
    if (err instanceof NativeCacheError && !warned) {
      warned = true;
      process.stderr.write(`plugkit: ${err.message}\n`);
    }
    throw err;
  }
  const module = { exports: {} as unknown };
  process.dlopen(module, file, constants.dlopen.RTLD_NOW);
  return module.exports;
}
