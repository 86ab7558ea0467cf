/** The plugkit executable as a real process: built on demand, started, watched line by line. */
import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SEA = process.platform === 'win32' ? 'dist/sea/plugkit-server.exe' : 'dist/sea/plugkit-server';

/** Newest modification time (ms) of the files the executable is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['sdk', 'server-embedded', 'scripts/sea', 'scripts/build-sea.mjs', 'package.json']) walk(p);
  return newest;
}

const LOCK = 'dist/sea-build.lock';

/**
 * Builds dist/sea/plugkit-server when it is missing (CI builds it once, here) or older than its
 * sources, so a test never judges yesterday's executable. Test files run in parallel: one builds
 * (holding a lock folder), the others wait for it.
 */
export async function ensureSea(): Promise<void> {
  const stale = () => !existsSync(SEA) || statSync(SEA).mtimeMs < newestSource();
  if (!stale()) return;
  mkdirSync('dist', { recursive: true });
  const deadline = Date.now() + 115_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for another build of ${SEA} (${LOCK})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (stale())
      execFileSync(process.execPath, ['scripts/build-sea.mjs'], { stdio: 'inherit', timeout: 110_000 });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface Proc {
  proc: ChildProcess;
  out: string[];
  err: string[];
  exit: Promise<number | string>;
  /** Resolves with the first line (stdout or stderr) matching `re`; rejects after `ms`. */
  line(re: RegExp, ms?: number): Promise<string>;
}

const running: ChildProcess[] = [];

/** Starts `file args…` with piped stdio (stdin stays open until the test closes it). */
export function start(
  file: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions } = {},
): Proc {
  const proc = spawn(file, args, {
    stdio: opts.stdio ?? ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  running.push(proc);
  const out: string[] = [];
  const err: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const feed = (into: string[]) => (d: Buffer) => {
    for (const l of d.toString().split('\n').filter(Boolean)) {
      into.push(l);
      for (const w of [...waiters])
        if (w.re.test(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
    }
  };
  proc.stdout?.on('data', feed(out));
  proc.stderr?.on('data', feed(err));
  const exit = new Promise<number | string>((r) => proc.on('exit', (code, sig) => r(code ?? sig ?? -1)));
  const line = (re: RegExp, ms = 15_000) => {
    const seen = [...out, ...err].find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`no line matching ${re} within ${ms} ms; got:\n${[...out, ...err].join('\n')}`)),
        ms,
      );
      waiters.push({ re, resolve: (l) => (clearTimeout(t), resolve(l)) });
    });
  };
  return { proc, out, err, exit, line };
}

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

/** Milliseconds from now until `p` settles. */
export async function msUntil<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
}
