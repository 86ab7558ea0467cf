/**
 * `plugkit serve`: flags, help and version first, the server itself imported after. A typo or
 * `--help` thus answers at once, without loading the server, protocols and backends.
 */
import type { Io } from './io.js';
import { parseServeFlags, serveHelp } from './serve-flags.js';
import { packageVersion } from './version.js';
import { noteParent } from '../spawn/parent-watch.js';

/** Runs `plugkit serve` with the arguments after `serve`; resolves with the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values: args, help, notices } = parseServeFlags(argv);
  if (help) {
    io.out(serveHelp());
    return 0;
  }
  if (args.version) {
    io.out(packageVersion());
    return 0;
  }
  for (const n of notices) io.err(`plugkit: ${n}`);
  // Before the slow part of start-up: the game may die while the server loads.
  if (args.stdinLifeline) noteParent();
  return (await import('./serve-server.js')).startServe(args, io);
}
