/** `plugkit devices`: the names `--simulate` accepts, with their protocol, model and features. */
import type { DeviceDatabase } from '../devices/config/database.js';
import { protocols } from '../protocols/index.js';
import { loadConfiguredDatabase } from './config-files.js';
import { check, flag, flagHelp, parseFlags } from './flags.js';
import type { Io } from './io.js';
import { advertisedNames } from '../devices/simulate-names.js';

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

/** One listed name. */
export interface DeviceListing {
  name: string;
  protocol: string;
  /** The model's name, or undefined when the toy tells its model in a handshake. */
  model: string | undefined;
  /** e.g. `Vibrate×2, inputs: Battery`. */
  features: string;
}

const describe = (
  db: DeviceDatabase,
  name: string,
  protocol: string,
): Pick<DeviceListing, 'model' | 'features'> => {
  // Protocols with an identify step pick the model from the toy's answer, not from its name.
  if (protocols.get(protocol)?.identify)
    return { model: undefined, features: 'model and features come from the toy’s handshake' };
  const resolved = db.resolve(protocol, name.endsWith('*') ? name.slice(0, -1) : name, 'plugkit-devices');
  if (!resolved) return { model: undefined, features: 'no definition in the database' };
  const counts = new Map<string, number>();
  const inputs = new Set<string>();
  for (const f of resolved.features) {
    for (const o of f.outputs) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
    for (const i of Object.keys(f.inputs)) inputs.add(i);
  }
  const outs = [...counts].map(([t, n]) => (n > 1 ? `${t}×${n}` : t)).join(', ');
  const ins = inputs.size ? `inputs: ${[...inputs].join(', ')}` : '';
  return { model: resolved.name, features: [outs, ins].filter(Boolean).join('; ') || 'no features' };
};

/** The names a simulated toy may use, filtered by `search` (case-insensitive substring). */
export function listSimulatable(
  db: DeviceDatabase,
  search?: string,
): { listed: DeviceListing[]; unsupported: number } {
  const all = advertisedNames(db);
  const needle = search?.toLowerCase();
  const listed: DeviceListing[] = [];
  let unsupported = 0;
  for (const a of all) {
    const d = a.supported ? describe(db, a.name, a.protocol) : undefined;
    const hay = [a.name, a.protocol, d?.model ?? ''].join('\n').toLowerCase();
    if (needle !== undefined && !hay.includes(needle)) continue;
    if (!d) unsupported++;
    else listed.push({ name: a.name, protocol: a.protocol, ...d });
  }
  listed.sort(
    (x, y) =>
      x.name.localeCompare(y.name, 'en', { sensitivity: 'base' }) || x.protocol.localeCompare(y.protocol),
  );
  return { listed, unsupported };
}

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
