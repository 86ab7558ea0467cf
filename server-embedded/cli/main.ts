import { readFileSync } from 'node:fs';
import { DeviceConfigError } from '../devices/config/official-format.js';
import { UsageError, parseServeArgs, serveHelp } from './args.js';
import { serve } from './serve.js';
import { deviceTest } from './device-test.js';

const HELP = `Usage: plugkit <command> [flags]

Commands:
  serve         run a Buttplug server (see plugkit serve --help)
  device-test   run device protocol test cases: plugkit device-test [--spec-version N] FILE.yaml…

Flags:
  --help        show this help
  --version     print the version`;

const version = (): string => {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      /* try the next layout (source vs dist) */
    }
  }
  return 'unknown';
};

/** Entry point of the `plugkit` command; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(line + '\n');
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-V') {
      out(version());
      return 0;
    }
    if (command === 'serve') {
      if (rest.includes('--help') || rest.includes('-h')) {
        out(serveHelp());
        return 0;
      }
      return await serve(parseServeArgs(rest), out);
    }
    if (command === 'device-test') return await deviceTest(rest, out);
    throw new UsageError(`unknown command "${command}"; see plugkit --help`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DeviceConfigError) {
      process.stderr.write(`plugkit: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`plugkit: ${(err as Error).message}\n`);
    return 1;
  }
}
