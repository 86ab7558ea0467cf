import { legacyAdapters } from '../compat/index.js';
import { runCaseFile, type CaseResult } from '../device-test/runner.js';
import { UsageError } from './args.js';

/** `plugkit device-test FILE.yaml…`: one line per case and version; exit 1 if any failed. */
export async function deviceTest(argv: string[], out: (line: string) => void): Promise<number> {
  const versions: number[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--spec-version') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > 4) throw new UsageError('--spec-version expects 0..4');
      versions.push(v);
    } else if (a.startsWith('--'))
      throw new UsageError(`unknown flag ${a}; usage: plugkit device-test [--spec-version N] FILE.yaml…`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError('usage: plugkit device-test [--spec-version N] FILE.yaml…');
  const all: CaseResult[] = [];
  for (const f of files) {
    for (const r of await runCaseFile(f, {
      adapters: legacyAdapters,
      ...(versions.length ? { versions } : {}),
    })) {
      all.push(r);
      const head = `${r.status.toUpperCase().padEnd(4)} ${r.file} @v${r.version}`;
      out(r.detail ? `${head}: ${r.detail}` : head);
    }
  }
  const count = (s: CaseResult['status']) => all.filter((r) => r.status === s).length;
  out(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return count('fail') > 0 ? 1 : 0;
}
