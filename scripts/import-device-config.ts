/**
 * Regenerates plugkit's built-in device database from an official Buttplug device config:
 *   node dist/scripts/import-device-config.js ../shared/reference/device-config/buttplug-device-config-v4.json
 * The output is plugkit's own form (see devices/config/model.ts); credit is in NOTICE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readBaseConfig } from '../server-embedded/devices/config/official-format.js';

const [source, target = 'server-embedded/devices/config/builtin-devices.json'] = process.argv.slice(2);
if (!source) {
  console.error('usage: import-device-config <official-config.json> [target.json]');
  process.exit(2);
}
const data = readBaseConfig(readFileSync(source, 'utf8'), source);
writeFileSync(target, JSON.stringify(data) + '\n');
console.log(
  `wrote ${target}: ${data.protocols.length} protocols, version ${data.version.major}.${data.version.minor}`,
);
