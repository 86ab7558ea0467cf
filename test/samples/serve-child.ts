/** A real `plugkit serve` child process with a simulated toy, for the sample tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ServeChild {
  url: string;
  port: number;
  /** Every line serve wrote so far (stdout and stderr). */
  lines: string[];
  stop(): Promise<void>;
}

/** Starts `node dist/cli.js serve --websocket-port 0 --simulate "Massage Demo" --log debug`. */
export async function startServe(extra: string[] = []): Promise<ServeChild> {
  const cli = 'dist/cli.js';
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test does it first)`);
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'serve', '--websocket-port', '0', '--simulate', 'Massage Demo', '--log', 'debug', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not listen within 15 s:\n${lines.join('\n')}`)),
      15_000,
    );
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const m = /listening on (ws:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    lines,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The bytes of each `write tx [..]` line serve logged for the simulated toy, in order. */
export const writes = (serve: ServeChild): string[] =>
  serve.lines.filter((l) => l.includes('write tx [')).map((l) => /write tx \[([^\]]*)\]/.exec(l)![1]!);

/** The last level written to each Vivi motor (f1, f2), as a step 0..127; undefined before any write. */
export const lastLevels = (serve: ServeChild): Record<string, number> => {
  const levels: Record<string, number> = {};
  for (const w of writes(serve)) {
    const [motor, step] = w.split(' ');
    levels[motor!] = parseInt(step!, 16);
  }
  return levels;
};
