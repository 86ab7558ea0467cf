/**
 * One command for the browser samples: serves the repository's files on 127.0.0.1 and starts
 * `plugkit serve --dashboard` with a simulated toy, then prints the page to open. Ctrl-C ends both.
 *   npm run build && node dist/samples/serve-page.js web-game          (or funscript-player)
 * Options: --http-port N (default 8080), --no-simulate (only real toys); flags after `--` go to
 * plugkit serve (e.g. `-- --websocket-port 0 --dashboard-port 0`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// dist/samples/serve-page.js → the repository root, two folders up.
const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
  '.json': 'application/json',
  '.funscript': 'application/json',
};

const dashDash = process.argv.indexOf('--', 2);
const argv = process.argv.slice(2, dashDash < 0 ? undefined : dashDash);
const serveFlags = dashDash < 0 ? [] : process.argv.slice(dashDash + 1);
const portAt = argv.indexOf('--http-port');
const httpPort = portAt >= 0 ? Number(argv[portAt + 1]) : 8080;
const sample = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--http-port') ?? 'web-game';
const page = join(root, 'samples', sample, 'index.html');
if (!existsSync(page)) {
  console.error(`no page ${page}; try web-game or funscript-player`);
  process.exit(2);
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(root, path));
  // Only files inside the repository, never a path that climbs out of it.
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile())
    return void res.writeHead(404).end('not found');
  res
    .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    .end(readFileSync(file));
});
server.listen(httpPort, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`open http://127.0.0.1:${port}/samples/${sample}/index.html`);
});

const simulate = argv.includes('--no-simulate') ? [] : ['--simulate', 'Massage Demo'];
const plugkit = spawn(
  process.execPath,
  [join(root, 'dist', 'cli.js'), 'serve', '--dashboard', ...simulate, ...serveFlags],
  {
    stdio: 'inherit',
  },
);
plugkit.once('exit', (code) => {
  server.close();
  process.exitCode = code ?? 0;
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    // serve stops every toy on SIGTERM before it exits; the exit handler above closes the rest.
    plugkit.kill('SIGTERM');
  });
