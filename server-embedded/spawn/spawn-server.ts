import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options of {@link spawnServer}. */
export interface SpawnServerOptions {
  /**
   * The plugkit executable. Default: `plugkit-server` (`.exe` on Windows) beside this program's
   * own executable (a packaged game or Electron app ships it there), else this package's CLI run
   * by the current node (`node dist/cli.js serve`, for development).
   */
  executable?: string;
  /**
   * `plugkit serve` flags, e.g. `['--use-bluetooth-le', '--use-hid']`. Without `--websocket-port`
   * the helper takes any free port (`--websocket-port 0`), so two games never collide.
   * `--stdin-lifeline` and `--parent-pid` (this process) are always added.
   */
  args?: string[];
  /** How long the helper may take to print its `listening on` line, in ms (default 10 000). */
  readyTimeoutMs?: number;
  /** Where the helper's log (stderr) goes: this process's stderr (default), nowhere, or a file descriptor. */
  stderr?: 'inherit' | 'ignore' | number;
  /** Environment of the helper (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Each status line the helper prints on stdout (backends, simulated toys, `listening on …`). */
  onOutput?: (line: string) => void;
}

/** A helper started by {@link spawnServer}. */
export interface SpawnedServer {
  /** Where clients connect, e.g. `ws://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Settles with the exit code (or the signal's name) once the helper has exited. */
  readonly exited: Promise<number | string>;
  /**
   * Closes the helper's stdin, so it stops every toy and exits; if it has not exited after
   * `graceMs` (default 2000) it is terminated, then killed. Resolves once it is gone.
   */
  stop(graceMs?: number): Promise<number | string>;
}

const exeName = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/** The command that starts a helper: the executable and the arguments before `serve`'s flags. */
export function defaultHelperCommand(): { file: string; prefix: string[] } {
  const beside = join(dirname(process.execPath), exeName('plugkit-server'));
  if (existsSync(beside)) return { file: beside, prefix: ['serve'] };
  // The `plugkit` command (dist/plugkit.cjs, the quickest to start), then dist/cli.js; seen from
  // dist/server-embedded/spawn/ or from server-embedded/spawn/ (sources).
  for (const rel of ['../../plugkit.cjs', '../../dist/plugkit.cjs', '../../cli.js', '../../dist/cli.js']) {
    const cli = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(cli)) return { file: process.execPath, prefix: [cli, 'serve'] };
  }
  throw new Error(
    `no plugkit helper found: put plugkit-server beside ${process.execPath} (npm run build:sea builds it), ` +
      'pass spawnServer({ executable }), or run npm run build for dist/cli.js',
  );
}

const READY = /^listening on (ws:\/\/\S+)/;

/**
 * Starts plugkit's server as a helper process tied to this one, waits until it accepts
 * connections and returns where it listens. The helper runs with `--stdin-lifeline --parent-pid
 * <this pid>`: it stops every toy and exits when this process closes the pipe (`stop()`) or dies,
 * however it dies.
 * Rejects, with the helper's output, when it exits or stays silent past `readyTimeoutMs`.
 */
export function spawnServer(options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  const { file, prefix } = options.executable
    ? { file: options.executable, prefix: ['serve'] }
    : defaultHelperCommand();
  const args = [...(options.args ?? [])];
  if (!args.some((a) => a === '--websocket-port' || a.startsWith('--websocket-port=')))
    args.push('--websocket-port', '0');
  if (!args.includes('--stdin-lifeline')) args.push('--stdin-lifeline');
  // Our pid, named outright: if we die before the helper has looked at its parent, it still knows whom to follow.
  if (!args.some((a) => a === '--parent-pid' || a.startsWith('--parent-pid=')))
    args.push('--parent-pid', String(process.pid));
  const child = spawn(file, [...prefix, ...args], {
    stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'],
    env: options.env ?? process.env,
    windowsHide: true,
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  // A helper that died must not take this process down with EPIPE on its stdin.
  child.stdin!.on('error', () => {});
  const lines: string[] = [];
  return new Promise<SpawnedServer>((resolve, reject) => {
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      void stopChild(child, exited, 0);
      const said = lines.length ? `; it printed: ${lines.slice(-10).join(' | ')}` : '';
      reject(new Error(`plugkit helper ${file} ${why}${said}`));
    };
    const timeoutMs = options.readyTimeoutMs ?? 10_000;
    const timer = setTimeout(() => fail(`printed no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    void exited.then((code) => fail(`exited (${code}) before it was ready`));
    let pending = '';
    // Read stdout for as long as the helper runs: an unread pipe would fill and block it.
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        options.onOutput?.(line);
        if (ready) continue;
        lines.push(line);
        const m = READY.exec(line);
        if (!m) continue;
        ready = true;
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          port: Number(new URL(url).port),
          pid: child.pid!,
          exited,
          stop: (graceMs = 2000) => stopChild(child, exited, graceMs),
        });
      }
    });
  });
}

/** Ends the lifeline, then escalates: SIGTERM after `graceMs`, SIGKILL a second later. */
async function stopChild(
  child: ChildProcess,
  exited: Promise<number | string>,
  graceMs: number,
): Promise<number | string> {
  if (child.exitCode === null && child.signalCode === null) {
    child.stdin?.end();
    const after = (ms: number, signal: NodeJS.Signals) => {
      const t = setTimeout(() => child.kill(signal), ms);
      void exited.then(() => clearTimeout(t));
    };
    after(graceMs, 'SIGTERM');
    after(graceMs + 1000, 'SIGKILL');
  }
  return exited;
}
