/** The names a simulated toy may take, with protocol, model and features (`plugkit devices`, the dashboard). */
import type { DeviceDatabase } from './config/database.js';
import { protocols } from '../protocols/index.js';
import { advertisedNames } from './simulate-names.js';

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
