/**
 * Figures of the plugkit executable (dist/sea/plugkit-server, built when missing): its size,
 * start-up time to the `listening on` line against `node -e ''` and `node dist/cli.js serve`
 * (interleaved rounds, median), and its resident memory when idle. Prints figures; nothing here
 * passes or fails. Standalone: `node dist/test/bench/sea-bench.js` (after npm run build).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const SEA = process.platform === 'win32' ? 'dist/sea/plugkit-server.exe' : 'dist/sea/plugkit-server';
const ROUNDS = Number(process.env['SEA_BENCH_ROUNDS'] ?? 10);
const READY = /^listening on /m;

interface Run {
  ms: number;
  rssKb?: number;
}

/** Resident set size of a process in KiB (Linux /proc; elsewhere `ps`). */
function rssKb(pid: number): number | undefined {
  try {
    if (process.platform === 'linux') {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    }
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

/**
 * Starts `file args`, times it to the ready line (or, with no ready line expected, to its exit),
 * optionally samples its memory after `idleMs`, then closes its stdin (the lifeline) and waits.
 */
function timeRun(file: string, args: string[], opts: { ready: boolean; idleMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let ms: number | undefined;
    let rss: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!opts.ready) ms = performance.now() - t0;
      if (ms === undefined) reject(new Error(`${file} exited (${code}) before it was ready`));
      else resolve({ ms, ...(rss !== undefined ? { rssKb: rss } : {}) });
    });
    child.stdout!.on('data', (d: Buffer) => {
      if (!opts.ready || ms !== undefined) return;
      out += d.toString();
      if (!READY.test(out)) return;
      ms = performance.now() - t0;
      setTimeout(() => {
        if (opts.idleMs) rss = rssKb(child.pid!);
        child.stdin!.end();
      }, opts.idleMs ?? 0);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => round1(bytes / 1e6);

/** Size, start-up and idle memory of the executable, one row per figure. */
export async function seaBench(): Promise<Record<string, string | number>[]> {
  if (!existsSync(SEA)) execFileSync(process.execPath, ['scripts/build-sea.mjs'], { stdio: 'inherit' });
  const serve = ['--websocket-port', '0', '--stdin-lifeline', '--simulate', 'Massage Demo', '--log', 'warn'];
  const contenders: { name: string; file: string; args: string[]; ready: boolean }[] = [
    { name: "node -e ''", file: process.execPath, args: ['-e', ''], ready: false },
    { name: 'plugkit-server (SEA) to listening', file: SEA, args: serve, ready: true },
    {
      name: 'node dist/cli.js serve to listening',
      file: process.execPath,
      args: ['dist/cli.js', 'serve', ...serve],
      ready: true,
    },
  ];
  const times = new Map(contenders.map((c) => [c.name, [] as number[]]));
  // Interleaved: each round runs every contender once, so machine load hits them alike.
  for (let r = 0; r < ROUNDS + 1; r++)
    for (const c of contenders) {
      const run = await timeRun(c.file, c.args, { ready: c.ready });
      if (r > 0) times.get(c.name)!.push(run.ms); // round 0 warms the file cache (and the addon cache)
    }
  const rows: Record<string, string | number>[] = [];
  const size = statSync(SEA).size;
  rows.push({ figure: 'executable size', value: mb(size), unit: 'MB', note: SEA });
  rows.push({
    figure: 'executable size, gzip -6',
    value: mb(gzipSync(readFileSync(SEA)).length),
    unit: 'MB',
    note: 'download size',
  });
  for (const c of contenders)
    rows.push({
      figure: `start-up: ${c.name}`,
      value: round1(median(times.get(c.name)!)),
      unit: 'ms',
      note: `median of ${ROUNDS} interleaved rounds`,
    });
  for (const c of contenders.filter((x) => x.ready)) {
    const kb = (await timeRun(c.file, c.args, { ready: true, idleMs: 1000 })).rssKb;
    rows.push({
      figure: `RSS idle: ${c.name.replace(' to listening', '')}`,
      value: kb === undefined ? 'n/a' : round1(kb / 1024),
      unit: 'MiB',
      note: '1 s after listening, one simulated toy',
    });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.table(await seaBench());
