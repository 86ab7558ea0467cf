import { stat } from 'node:fs/promises';
import { legacyAdapters } from '../compat/index.js';
import { runCaseFile, type CaseResult } from '../device-test/runner.js';
import { check, flag, flagHelp, parseFlags } from './flags.js';
import type { Io } from './io.js';
import { UsageError } from './usage-error.js';

const USAGE = 'Usage: plugkit device-test [--spec-version N] FILE.yaml…';

/** Flags of `plugkit device-test`. */
export const DEVICE_TEST_FLAGS = {
  'spec-version': flag.list({
    arg: 'N',
    parse: check.uint(4),
    help: 'run only at this spec version, 0..4 (default: every version the case supports)',
  }),
};

/** A case file that cannot be read is a wrong command line, not a failing case. */
async function checkCaseFile(file: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new UsageError(`${file} is not a file; ${USAGE}`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such case file: ${file}`
        : `cannot read case file ${file} (${code ?? (err as Error).message})`,
    );
  }
}

/** `plugkit device-test FILE.yaml…`: one line per case and version; exit 1 if any failed. */
export async function run(argv: string[], io: Io): Promise<number> {
  const {
    values,
    positionals: files,
    help,
  } = parseFlags(DEVICE_TEST_FLAGS, argv, {
    command: 'device-test',
    positionals: true,
  });
  if (help) {
    io.out(
      [
        USAGE,
        '',
        'Runs device protocol test cases; one line per case and spec version.',
        '',
        flagHelp(DEVICE_TEST_FLAGS),
      ].join('\n'),
    );
    return 0;
  }
  if (files.length === 0) throw new UsageError(`no case file given; ${USAGE}`);
  for (const f of files) await checkCaseFile(f);
  const all: CaseResult[] = [];
  for (const f of files) {
    for (const r of await runCaseFile(f, {
      adapters: legacyAdapters,
      ...(values.specVersion.length ? { versions: values.specVersion } : {}),
    })) {
      all.push(r);
      const head = `${r.status.toUpperCase().padEnd(4)} ${r.file} @v${r.version}`;
      io.out(r.detail ? `${head}: ${r.detail}` : head);
    }
  }
  const count = (s: CaseResult['status']) => all.filter((r) => r.status === s).length;
  io.out(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return count('fail') > 0 ? 1 : 0;
}
