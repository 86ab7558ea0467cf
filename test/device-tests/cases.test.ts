/**
 * Runs every device protocol case through `plugkit device-test`'s runner: the reference cases in
 * ../shared/reference/device-tests (skipped with a message when absent) and plugkit's own in this
 * folder, at every spec version each case allows.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyAdapters } from '../../server-embedded/compat/index.js';
import { runCaseFile } from '../../server-embedded/device-test/runner.js';

const SHARED = '../shared/reference/device-tests';
const OWN = 'test/device-tests';
const yamls = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

const suites: [string, string[]][] = [
  ['reference cases', yamls(SHARED)],
  ['plugkit cases', yamls(OWN)],
];

for (const [title, files] of suites) {
  describe(title, () => {
    if (files.length === 0) {
      it.skip(`no case files found (${title === 'reference cases' ? `${SHARED} is absent` : 'none written'})`, () => {});
      return;
    }
    for (const file of files)
      it(path.basename(file), async () => {
        const results = await runCaseFile(file, { adapters: legacyAdapters });
        const failed = results.filter((r) => r.status === 'fail');
        expect(failed.map((r) => `@v${r.version}: ${r.detail}`).join('\n\n')).toBe('');
        expect(results.some((r) => r.status === 'pass' && r.version === 4)).toBe(true);
      });
  });
}
