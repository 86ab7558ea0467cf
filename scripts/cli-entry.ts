// Entry of the CLI bundle: scripts/build.mjs bundles it into dist/cli/plugkit.cjs, which
// dist/plugkit.cjs (the `plugkit` command) runs.
import { main } from '../server-embedded/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`plugkit: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
