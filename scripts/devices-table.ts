/** Regenerates docs/devices.md from the protocol registry and the built-in database. */
import { writeFileSync } from 'node:fs';
import { loadBuiltinDatabase } from '../server-embedded/devices/config/load.js';
import { devicesMarkdown } from '../server-embedded/devices/support-status/status.js';

const md = devicesMarkdown(await loadBuiltinDatabase());
writeFileSync('docs/devices.md', md);
console.log(md.split('\n')[4]);
