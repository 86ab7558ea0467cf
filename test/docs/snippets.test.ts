/**
 * The programs in docs/getting-started.md and docs/client.md run as written: each fenced ts/js
 * block with imports is compiled (imports of `plugkit`/`plugkit/server` pointed at dist/), run
 * with a time limit, and must exit 0 by itself. Client examples that reach a server over the
 * network run twice against one `plugkit serve` with a simulated toy, so a second run that
 * hangs (a session left behind by the first) fails. Needs `npm run build` (npm test builds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = {
  plugkit: path.join(ROOT, 'dist/runtimes/node/index.js'),
  server: path.join(ROOT, 'dist/server-embedded/index.js'),
  cli: path.join(ROOT, 'dist/cli.js'),
};
const SNIPPET_TIMEOUT_MS = 30_000;

interface Snippet {
  doc: string;
  line: number;
  lang: 'ts' | 'js';
  code: string;
}

/** Fenced ts/js blocks that are whole programs: they import something. */
function programs(doc: string): Snippet[] {
  const text = readFileSync(path.join(ROOT, 'docs', doc), 'utf8');
  const out: Snippet[] = [];
  const fence = /^```(ts|js|typescript|javascript)\b[^\n]*\n([\s\S]*?)^```/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const code = m[2]!;
    if (!/^import .* from '[^']+';$/m.test(code)) continue;
    const lang = m[1]!.startsWith('t') ? 'ts' : 'js';
    out.push({ doc, line: text.slice(0, m.index).split('\n').length, lang, code });
  }
  return out;
}

let workDir: string;
let serveProcess: ChildProcess | undefined;
let serverUrl = '';
let serverLog = '';

/** Compiles a snippet into an .mjs beside node_modules (so `buttplug`, `rxjs` resolve). */
async function compile(s: Snippet, name: string, url: string): Promise<string> {
  const code = s.code
    .replaceAll("from 'plugkit'", `from '${pathToFileURL(DIST.plugkit).href}'`)
    .replaceAll("from 'plugkit/server'", `from '${pathToFileURL(DIST.server).href}'`)
    .replaceAll('ws://127.0.0.1:12345', url);
  const js =
    s.lang === 'ts' ? (await transform(code, { loader: 'ts', format: 'esm', target: 'node20' })).code : code;
  const file = path.join(workDir, `${name}.mjs`);
  writeFileSync(file, js);
  return file;
}

/** Runs a compiled snippet; resolves with its exit code and output, or fails after the limit. */
function run(file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${path.basename(file)} did not finish within ${SNIPPET_TIMEOUT_MS} ms\n${out}\n${err}`),
      );
    }, SNIPPET_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

const snippets = [...programs('getting-started.md'), ...programs('client.md')];
const label = (s: Snippet) => `${s.doc}:${s.line}`;
const usesEmbedded = (s: Snippet) => s.code.includes('embedded(');
const usesNetwork = (s: Snippet) => s.code.includes('ws://127.0.0.1:12345');

describe('doc snippets', () => {
  beforeAll(async () => {
    for (const f of Object.values(DIST))
      if (!existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing; run npm run build first`);
    workDir = mkdtempSync(path.join(ROOT, 'node_modules', '.doc-snippets-'));
    serveProcess = spawn(
      process.execPath,
      [DIST.cli, 'serve', '--websocket-port', '0', '--simulate', 'Massage Demo', '--log', 'debug'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    serveProcess.stderr!.on('data', (d: Buffer) => (serverLog += d.toString()));
    serverUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`plugkit serve did not start: ${out}${serverLog}`)),
        20_000,
      );
      serveProcess!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (ws:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      serveProcess!.on('exit', (code) =>
        reject(new Error(`plugkit serve exited (${code}): ${out}${serverLog}`)),
      );
    });
  }, 30_000);

  afterAll(async () => {
    if (serveProcess && serveProcess.exitCode === null) {
      const exited = new Promise((r) => serveProcess!.once('exit', r));
      serveProcess.kill('SIGINT');
      await exited;
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the complete programs in the docs', () => {
    expect(snippets.map(label).length).toBeGreaterThanOrEqual(3);
    expect(snippets.some((s) => s.doc === 'client.md')).toBe(true);
  });

  for (const s of snippets) {
    if (usesEmbedded(s))
      it(`${label(s)} runs with its embedded server and exits by itself`, async () => {
        const r = await run(await compile(s, `embedded-${s.line}`, 'ws://127.0.0.1:1'));
        expect(r.err).not.toMatch(/Unhandled|Error:|ERROR/);
        expect(r.code).toBe(0);
        if (s.code.includes('found ${device.displayName}')) expect(r.out).toContain('found Aneros Vivi');
      });

    if (usesNetwork(s)) {
      // Without the embedded server (the doc's "swap embedded(...) for nothing"), over the socket.
      const networked = usesEmbedded(s)
        ? { ...s, code: s.code.replace(/^\s*embedded\([^\n]*\),\n/m, '') }
        : s;
      it(
        `${label(s)} runs twice against one plugkit serve, vibrating its toy`,
        async () => {
          expect(networked.code).not.toContain('embedded(');
          for (const round of [1, 2]) {
            const before = serverLog.length;
            const r = await run(await compile(networked, `network-${s.line}-${round}`, serverUrl));
            expect(r.err, `round ${round}`).not.toMatch(/Unhandled|Error:|ERROR/);
            expect(r.code, `round ${round}: ${r.out}${r.err}`).toBe(0);
            // The toy received "vibrator 0 at half speed", as the docs say.
            expect(serverLog.slice(before), `round ${round}`).toContain('"Massage Demo" write tx [f1 40]');
          }
        },
        3 * SNIPPET_TIMEOUT_MS,
      );
    }
  }
});
