/** `plugkit devices`: the names `--simulate` accepts, with their protocol, model and features. */
import { loadConfiguredDatabase } from './config-files.js';
import { check, flag, flagHelp, parseFlags } from './flags.js';
import type { Io } from './io.js';
import { listSimulatable } from '../devices/simulatable.js';

export { listSimulatable, type DeviceListing } from '../devices/simulatable.js';

const USAGE =
  'Usage: plugkit devices [--search TEXT] [--device-config-file FILE] [--user-device-config-file FILE]';

/** Flags of `plugkit devices`. */
export const DEVICES_FLAGS = {
  search: flag.value({
    arg: 'TEXT',
    parse: check.text,
    help: 'only names, protocols or models containing TEXT (any case)',
  }),
  'device-config-file': flag.value({
    arg: 'FILE',
    parse: check.text,
    help: 'read this device database instead of the built-in one',
  }),
  'user-device-config-file': flag.value({
    arg: 'FILE',
    parse: check.text,
    help: 'add the models and names of this user device config',
  }),
};

/** Runs `plugkit devices`. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, help } = parseFlags(DEVICES_FLAGS, argv, { command: 'devices' });
  if (help) {
    io.out(
      [USAGE, '', 'Lists the advertised names --simulate accepts.', '', flagHelp(DEVICES_FLAGS)].join('\n'),
    );
    return 0;
  }
  const db = await loadConfiguredDatabase(values);
  const { listed, unsupported } = listSimulatable(db, values.search);
  const nameWidth = Math.min(32, Math.max(0, ...listed.map((l) => l.name.length + 2)));
  const protoWidth = Math.max(0, ...listed.map((l) => l.protocol.length));
  for (const l of listed)
    io.out(
      `${`"${l.name}"`.padEnd(nameWidth)}  ${l.protocol.padEnd(protoWidth)}  ${l.model ? `${l.model}: ` : ''}${l.features}`,
    );
  const found = `${listed.length} name${listed.length === 1 ? '' : 's'}${values.search !== undefined ? ` matching "${values.search}"` : ''}`;
  io.out(
    found +
      (listed.some((l) => l.name.endsWith('*'))
        ? '; a name ending in * stands for any name that starts so'
        : '') +
      (unsupported ? `; ${unsupported} more belong to protocols plugkit does not implement yet` : ''),
  );
  return 0;
}
