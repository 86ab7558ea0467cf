/**
 * The subcommands of `plugkit`. To add one, add an entry; its module is imported only when the
 * command runs, so `serve` never loads the device-test runner or `yaml`, and a new command
 * costs the others nothing. A name may have two words (`pattern preview`).
 */
import type { Io } from './io.js';

/** One subcommand. */
export interface Command {
  /** As typed after `plugkit`, e.g. `serve` or `pattern preview`. */
  name: string;
  /** One line for `plugkit --help`. */
  summary: string;
  /** Runs the command with the arguments after its name; resolves with the exit code. */
  run(argv: string[], io: Io): Promise<number>;
}

export const COMMANDS: Command[] = [
  {
    name: 'serve',
    summary: 'run a Buttplug server, Intiface Engine flags (plugkit serve --help)',
    run: async (argv, io) => (await import('./serve.js')).run(argv, io),
  },
  {
    name: 'devices',
    summary: 'list the toy names --simulate accepts: plugkit devices [--search TEXT]',
    run: async (argv, io) => (await import('./devices.js')).run(argv, io),
  },
  {
    name: 'device-test',
    summary: 'run device protocol test cases: plugkit device-test [--spec-version N] FILE.yaml…',
    run: async (argv, io) => (await import('./device-test.js')).run(argv, io),
  },
  {
    name: 'pattern preview',
    summary: 'draw what a toy receives from a pattern: plugkit pattern preview FILE --out F.svg|.png',
    run: async (argv, io) => (await import('./pattern.js')).run(argv, io),
  },
];

/** The command an argument list starts with (longest name first), and the arguments after it. */
export function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}
