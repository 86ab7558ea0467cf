/**
 * `npm run bench`: plugkit against its peers, interleaved in the same run, as tables with ratios.
 *
 * - In process (client call → toy write, a simulated WeVibe Ditto): plugkit vs the Rust server in
 *   WebAssembly (buttplug 1.0.17, child process with --experimental-wasm-modules and a Web
 *   Bluetooth stand-in) and the TypeScript server of buttplug 0.13.2.
 * - Over WebSocket: the official buttplug 5.0.2 client against `plugkit serve` and against a
 *   no-op server (the ceiling), each server in its own process.
 * - Start-up of `plugkit serve` to its ready line vs `node -e ''`; RSS over a long run; cost per
 *   command with 1, 8 and 64 toys.
 * - Extra tables from test/bench/{haptics,sync,sea}-bench.ts when present.
 *
 * Figures only: nothing here passes or fails. BENCH_QUICK=1 runs everything small (smoke test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LISTENING, startChild } from './children.js';
import {
  N,
  QUICK,
  ROUNDS,
  WARMUP,
  median,
  medianFigures,
  mib,
  figuresOf,
  printTable,
  sequential,
  spread,
  type Figures,
} from './measure.js';
import { buttplugV013InProcess } from './peer-buttplug-v013.js';
import { TOY, plugkitInProcess, plugkitSetup } from './plugkit-inprocess.js';
import { openOfficialClient, type OfficialClient } from './websocket-official.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** dist/cli.js, next to dist/test/bench/. */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));
/** The `plugkit` command as npm installs it (package.json "bin"). */
const BIN = fileURLToPath(new URL('../../plugkit.cjs', import.meta.url));

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a';

/** A peer that could not run leaves a note instead of figures. */
type Outcome = Figures | { error: string };
const failed = (o: Outcome): o is { error: string } => 'error' in o;
const attempt = async (f: () => Promise<Figures>): Promise<Outcome> => {
  try {
    return await f();
  } catch (err) {
    return { error: String((err as Error)?.message ?? err).split('\n')[0]! };
  }
};

async function wasmPeer(): Promise<Outcome> {
  let child;
  try {
    child = await startChild(
      ['--experimental-wasm-modules', '--no-warnings', here('./peer-buttplug-wasm.js'), String(N)],
      /^(\{.*\})$/m,
      600_000,
    );
  } catch (err) {
    return { error: String((err as Error).message).split('\n')[0]! };
  }
  await child.stop();
  const parsed = JSON.parse(child.url!) as Outcome;
  return parsed;
}

function summarize(runs: Outcome[]): { figures: Figures | undefined; note: string } {
  const ok = runs.filter((r): r is Figures => !failed(r));
  const errors = runs.filter(failed);
  return {
    figures: ok.length ? medianFigures(ok) : undefined,
    note: errors.length ? `${errors.length} run(s) failed: ${errors[0]!.error}` : '',
  };
}

async function inProcessSection(): Promise<void> {
  const runs: Record<string, Outcome[]> = { plugkit: [], wasm: [], v013: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs['plugkit']!.push(await attempt(() => plugkitInProcess()));
    runs['wasm']!.push(await wasmPeer());
    runs['v013']!.push(await attempt(() => buttplugV013InProcess()));
  }
  const p = summarize(runs['plugkit']!);
  const rows = [
    ['plugkit (embedded transport, plugkit client)', 'plugkit'],
    ['buttplug 1.0.17 (Rust server in WASM, Web Bluetooth stand-in)', 'wasm'],
    ['buttplug 0.13.2 (TypeScript server, embedded connector)', 'v013'],
  ].map(([label, key]) => {
    const all = runs[key!]!;
    const s = summarize(all);
    const ok = all.filter((x): x is Figures => !failed(x));
    if (!s.figures) return [label!, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', s.note];
    return [
      label!,
      `${fmt(s.figures.perSecond)} (${spread(ok, (x) => x.perSecond)})`,
      fmt(s.figures.medianUs, 1),
      `${fmt(s.figures.p99Us, 1)} (${spread(ok, (x) => x.p99Us, 1)})`,
      key === 'plugkit' ? '1.00×' : ratio(p.figures?.perSecond ?? NaN, s.figures.perSecond),
      key === 'plugkit' ? '' : p.figures && p.figures.p99Us <= s.figures.p99Us ? 'yes' : 'no',
      s.note,
    ];
  });
  printTable(
    `In process: client call → toy write (${TOY}), ${N} sequential vibrate commands after ${WARMUP} warm-up, median of ${ROUNDS} interleaved round(s)`,
    [
      'path',
      'commands/s (range)',
      'median µs',
      'p99 µs (range)',
      'plugkit throughput ÷ this',
      'plugkit p99 ≤ this',
      'note',
    ],
    rows,
  );
  console.log("\nGoal: plugkit ≥ 1.5× the Rust/WASM peer's throughput, p99 ≤ the peer's.");
}

/**
 * CPU time (user + system, ms) a child process has used so far, from /proc on Linux; undefined
 * elsewhere. Wall-clock throughput on a shared 2-core machine swings from run to run; the CPU a
 * server spends per command does not, so the table gives both.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** Unmeasured commands each WebSocket server gets before the measured rounds. */
const SERVER_WARMUP = QUICK ? WARMUP : 20_000;
/** Commands per block: each round's N commands per server go out in blocks, alternating servers. */
const BLOCK = QUICK ? 100 : 1_000;

async function websocketSection(): Promise<void> {
  const rounds = QUICK ? 1 : 9;
  const blocks = Math.max(1, Math.round(N / BLOCK));
  const servers = {
    plugkit: await startChild(
      [CLI, 'serve', '--websocket-port', '0', '--simulate', TOY, '--log', 'error'],
      LISTENING,
    ),
    noop: await startChild([here('./noop-server.js')], LISTENING),
  };
  const names = ['plugkit', 'noop'] as const;
  const runs: Record<'plugkit' | 'noop', Outcome[]> = { plugkit: [], noop: [] };
  const cpu: Record<'plugkit' | 'noop', number[]> = { plugkit: [], noop: [] };
  const clients: Partial<Record<'plugkit' | 'noop', OfficialClient>> = {};
  let note = '';
  try {
    for (const which of names) {
      const client = (clients[which] = await openOfficialClient(servers[which].url!));
      // Both servers are long-running: their code is warmed up first, so the rounds compare
      // code the JIT has finished with (plugkit's path takes ~20k commands to settle).
      await client.run(SERVER_WARMUP);
    }
    for (let r = 0; r < rounds; r++) {
      const latencies: Record<'plugkit' | 'noop', number[]> = { plugkit: [], noop: [] };
      const elapsed = { plugkit: 0, noop: 0 };
      const before = { plugkit: cpuMs(servers.plugkit.process.pid), noop: cpuMs(servers.noop.process.pid) };
      // Blocks of BLOCK commands, alternating servers and which goes first: both see the same
      // moments of a machine whose speed drifts by tens of percent within seconds.
      for (let b = 0; b < blocks; b++)
        for (const which of (r * blocks + b) % 2 ? [...names].reverse() : names)
          elapsed[which] += await clients[which]!.run(BLOCK, latencies[which]);
      for (const which of names) {
        runs[which].push(figuresOf(latencies[which], elapsed[which]));
        const after = cpuMs(servers[which].process.pid);
        const start = before[which];
        if (start !== undefined && after !== undefined)
          cpu[which].push(((after - start) * 1000) / (blocks * BLOCK));
      }
    }
  } catch (err) {
    note = String((err as Error)?.message ?? err).split('\n')[0]!;
  } finally {
    for (const which of names) {
      await clients[which]?.close().catch(() => {});
      await servers[which].stop();
    }
  }
  const p = summarize(runs.plugkit);
  const c = summarize(runs.noop);
  // Each round's plugkit figure against the no-op figure of the same round (the same moments of
  // the machine), so the median of these ratios is steadier than a ratio of medians.
  const paired = runs.plugkit
    .map((x, i) => {
      const y = runs.noop[i];
      return !y || failed(x) || failed(y) ? NaN : x.perSecond / y.perSecond;
    })
    .filter((r) => Number.isFinite(r));
  const cpuCell = (xs: number[]) => (xs.length ? fmt(median(xs), 1) : 'n/a');
  const row = (
    label: string,
    s: ReturnType<typeof summarize>,
    all: Outcome[],
    cpuPerCmd: number[],
    own: boolean,
  ) => {
    const ok = all.filter((x): x is Figures => !failed(x));
    return s.figures
      ? [
          label,
          `${fmt(s.figures.perSecond)} (${spread(ok, (x) => x.perSecond)})`,
          fmt(s.figures.medianUs, 1),
          fmt(s.figures.p99Us, 1),
          ratio(s.figures.perSecond, c.figures?.perSecond ?? NaN),
          own && paired.length
            ? `${fmt(median(paired), 3)}× (${fmt(Math.min(...paired), 3)}–${fmt(Math.max(...paired), 3)})`
            : '',
          cpuCell(cpuPerCmd),
          s.note || note,
        ]
      : [label, 'n/a', 'n/a', 'n/a', 'n/a', '', cpuCell(cpuPerCmd), s.note || note];
  };
  printTable(
    `Over WebSocket: official buttplug 5.0.2 client, ${blocks * BLOCK} sequential vibrate commands per server and round (reply by reply) in blocks of ${BLOCK} alternating between the servers, ${rounds} round(s), after ${SERVER_WARMUP} unmeasured commands per server; servers in their own processes`,
    [
      'server',
      'commands/s (range over rounds)',
      'median µs',
      'p99 µs',
      '÷ ceiling',
      'median of per-round ratios (range)',
      'server CPU µs/cmd',
      'note',
    ],
    [
      row('plugkit serve', p, runs.plugkit, cpu.plugkit, true),
      row('no-op server (ceiling)', c, runs.noop, cpu.noop, false),
    ],
  );
  console.log('\nGoal: plugkit serve ≥ 0.9× the ceiling.');
}

async function startupSection(): Promise<void> {
  const rounds = QUICK ? 1 : 11;
  const SERVE = ['serve', '--websocket-port', '0', '--log', 'error'];
  const bin: number[] = [];
  const cli: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [script, into] of [
      [BIN, bin],
      [CLI, cli],
    ] as const) {
      const s = await startChild([script, ...SERVE], LISTENING);
      into.push(s.readyMs);
      await s.stop();
    }
    bare.push((await startChild(['-e', ''])).readyMs);
  }
  const mb = median(bare);
  const line = (what: string, xs: number[], over: boolean) => [
    what,
    fmt(median(xs)),
    `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`,
    over ? `+${fmt(median(xs) - mb)} ms` : '',
  ];
  printTable(
    `Start-up: spawn → ready line, median of ${rounds} interleaved run(s)`,
    ['process', 'ms (median)', 'range', "over node -e ''"],
    [
      line('plugkit serve (the bin, dist/plugkit.cjs) → "listening on"', bin, true),
      line('node dist/cli.js serve (ES module entry, same bundle)', cli, true),
      line("node -e ''", bare, false),
    ],
  );
  console.log('\nGoal: plugkit serve ≤ node + 50 ms.');
}

async function scalingSection(): Promise<void> {
  const counts = [1, 8, 64];
  const runs = new Map<number, Figures[]>(counts.map((c) => [c, []]));
  for (let r = 0; r < ROUNDS; r++)
    for (const c of counts) {
      const s = await plugkitSetup(c);
      try {
        runs.get(c)!.push(await sequential(s.one));
      } finally {
        await s.close();
      }
    }
  const base = medianFigures(runs.get(1)!);
  printTable(
    `Scaling: ${N} sequential commands spread round-robin over 1, 8 and 64 simulated toys (in process)`,
    ['toys', 'commands/s', 'µs per command', 'p99 µs', 'cost vs 1 toy'],
    counts.map((c) => {
      const f = medianFigures(runs.get(c)!);
      return [
        String(c),
        fmt(f.perSecond),
        fmt(1e6 / f.perSecond, 1),
        fmt(f.p99Us, 1),
        ratio(base.perSecond, f.perSecond),
      ];
    }),
  );
  console.log('\nGoal: cost per command flat from 1 to 64 toys.');
}

async function longRunSection(): Promise<void> {
  const total = Number(process.env['BENCH_LONG'] ?? (QUICK ? 20_000 : 1_000_000));
  const slices = 4;
  const s = await plugkitSetup(1);
  const rows: string[][] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    for (let i = 0; i < WARMUP; i++) await s.one(i);
    gc?.();
    const baseRss = process.memoryUsage().rss;
    rows.push(['after warm-up', '0', mib(baseRss), mib(process.memoryUsage().heapUsed), '']);
    let done = 0;
    for (let k = 1; k <= slices; k++) {
      const n = Math.round(total / slices);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await s.one(WARMUP + done + i);
      const dt = performance.now() - t0;
      done += n;
      gc?.();
      const m = process.memoryUsage();
      rows.push([`slice ${k}`, String(done), mib(m.rss), mib(m.heapUsed), fmt((n / dt) * 1000)]);
    }
  } finally {
    await s.close();
  }
  printTable(
    `Long run: ${total} sequential commands in process, one toy${(globalThis as { gc?: unknown }).gc ? ' (gc before each sample)' : ''}`,
    ['point', 'commands', 'RSS MiB', 'heap used MiB', 'commands/s in slice'],
    rows,
  );
  console.log('\nGoal: RSS flat after warm-up; commands/s flat across slices.');
}

/** Extra tables from other benches, if their modules exist (dynamic import: none is required). */
async function extraSection(): Promise<void> {
  const extras: [file: string, fn: string][] = [
    ['./haptics-bench.js', 'hapticsBench'],
    ['./sync-bench.js', 'syncBench'],
    ['./sea-bench.js', 'seaBench'],
    ['./browser-bench.js', 'browserBench'],
  ];
  for (const [file, fn] of extras) {
    if (!existsSync(here(file))) {
      console.log(`\n(skipped ${file.replace('.js', '.ts')}: module not present)`);
      continue;
    }
    try {
      const mod = (await import(file)) as Record<string, unknown>;
      const run = mod[fn];
      if (typeof run !== 'function') {
        console.log(`\n(skipped ${file}: it exports no ${fn}())`);
        continue;
      }
      const rows = (await (run as () => Promise<Record<string, unknown>[]>)()) ?? [];
      const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      printTable(
        `${fn}() (${file.replace('.js', '.ts')})`,
        header,
        rows.map((r) =>
          header.map((h) => (typeof r[h] === 'number' ? fmt(r[h] as number, 2) : String(r[h] ?? ''))),
        ),
      );
    } catch (err) {
      console.log(`\n(${file} failed: ${String((err as Error)?.message ?? err).split('\n')[0]})`);
    }
  }
}

console.log(
  `# plugkit bench — node ${process.version}, ${QUICK ? 'QUICK mode (small, a smoke test; figures meaningless)' : 'full'}`,
);
const sections: [string, () => Promise<void>][] = [
  ['in-process', inProcessSection],
  ['websocket', websocketSection],
  ['start-up', startupSection],
  ['scaling', scalingSection],
  ['long run', longRunSection],
  ['extras', extraSection],
];
const only = process.env['BENCH_ONLY']?.split(',');
for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  try {
    await run();
  } catch (err) {
    console.log(`\n(section ${name} failed: ${String((err as Error)?.stack ?? err)})`);
  }
}
