// Entry of the CLI bundle (scripts/build.mjs bundles it into dist/cli/; dist/cli.js starts it).
import { main } from '../server-embedded/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
