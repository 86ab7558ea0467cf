/** Child processes of the bench: servers that print their ready line, timed and stopped. */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Child {
  process: ChildProcess;
  /** The URL from its `listening on ws://…` line, if it printed one. */
  url: string | undefined;
  /** ms from spawn to its ready line (or to exit, for a process that prints none). */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `node ...args` and resolves once a stdout line matches `ready` (or, without `ready`,
 * once the process exits). Fails after `timeoutMs`.
 */
export function startChild(args: readonly string[], ready?: RegExp, timeoutMs = 60_000): Promise<Child> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      void stop();
      reject(new Error(`node ${args.join(' ')}: not ready within ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    const finish = (url: string | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ process: child, url, readyMs: performance.now() - t0, stop });
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready ? ready.exec(out) : null;
      if (m) finish(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      if (!ready && code === 0) return finish(undefined);
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`node ${args.join(' ')} exited with ${code} before it was ready\n${err}`));
    });
  });
}

/** Matches the ready line of `plugkit serve` (and the no-op server), capturing the URL. */
export const LISTENING = /listening on (ws:\/\/\S+)/;
