import { COMMANDS, findCommand } from './commands.js';
import { processIo, type Io } from './io.js';
import { didYouMean } from '../nearest.js';
import { SERVE_FLAGS } from './serve-flags.js';
import { isFlagOf } from './flags.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './version.js';

const help = (): string =>
  [
    'Usage: plugkit <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`),
    '',
    'Flags:',
    `  ${'--help, -h'.padEnd(18)} show this help`,
    `  ${'--version, -V'.padEnd(18)} print the version`,
    '',
    'Intiface Engine command lines work unchanged: plugkit --websocket-port 12345 --use-bluetooth-le',
  ].join('\n');

/** Errors from outside input that end with exit code 2 (a usage problem, not a crash). */
const isUsageProblem = (err: unknown): err is Error =>
  err instanceof UsageError || (err instanceof Error && err.name === 'DeviceConfigError');

/** Entry point of the `plugkit` command; resolves with the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [first] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.out(help());
      return 0;
    }
    if (first === '--version' || first === '-V') {
      io.out(packageVersion());
      return 0;
    }
    const found = findCommand(argv);
    if (found) return await found.command.run(found.rest, io);
    // Intiface Engine has no subcommand: its command line is the serve flags alone.
    if (isFlagOf(SERVE_FLAGS, first)) return await findCommand(['serve'])!.command.run(argv, io);
    if (first.startsWith('-'))
      throw new UsageError(
        `unknown flag ${first}${didYouMean(first.replace(/^-+/, '').split('=')[0]!, [...Object.keys(SERVE_FLAGS), 'help', 'version'], (n) => `--${n}`)} (see plugkit --help)`,
      );
    throw new UsageError(
      `unknown command "${first}"${didYouMean(
        first,
        COMMANDS.map((c) => c.name.split(' ')[0]!),
        (n) => n,
      )} (see plugkit --help)`,
    );
  } catch (err) {
    if (isUsageProblem(err)) {
      io.err(`plugkit: ${err.message}`);
      return 2;
    }
    io.err(`plugkit: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
