/**
 * Main script of the plugkit executable (dist/sea/plugkit-server): `plugkit serve` with all its
 * flags. Another command runs when named first (`plugkit-server devices`); anything else is
 * taken as serve flags, so the executable drops in wherever Intiface Engine was launched.
 */
import { COMMANDS } from '../../server-embedded/cli/commands.js';
import { main } from '../../server-embedded/cli/main.js';
import { noteParent } from '../../server-embedded/spawn/parent-watch.js';

// First thing: the parent a lifeline watches is the one that started us, even if it dies during start-up.
noteParent();

const argv = process.argv.slice(2);
const [first] = argv;
const named = first !== undefined && COMMANDS.some((c) => c.name.split(' ')[0] === first);
main(named ? argv : ['serve', ...argv]).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`plugkit: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
