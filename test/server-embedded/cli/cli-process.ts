/** Runs `node dist/cli.js …` as a real process and collects its lines (tests stop it). */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CLI = 'dist/cli.js';

export interface CliRun {
  proc: ChildProcess;
  out: string[];
  err: string[];
  exit: Promise<number>;
}

/** Fails early with the fix when dist/ is missing. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)');
}

/** Spawns the CLI; `nodeArgs` go before the script (e.g. `--import`). Kill leftovers with {@link killAll}. */
export function runCli(args: string[], nodeArgs: string[] = []): CliRun {
  const proc = spawn(process.execPath, [...nodeArgs, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  const out: string[] = [];
  const err: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
  proc.stderr!.on('data', (d: Buffer) => err.push(...d.toString().split('\n').filter(Boolean)));
  const exit = new Promise<number>((r) => proc.on('exit', (code) => r(code ?? -1)));
  return { proc, out, err, exit };
}

const running: ChildProcess[] = [];
/** Kills every CLI process a test left running. */
export function killAll(): void {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
}
