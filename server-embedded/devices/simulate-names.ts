/**
 * Which names a simulated toy may advertise: the Bluetooth LE names of the device database whose
 * protocol plugkit implements. The server checks every `simulate` name with it (`embedded`,
 * `startServer`, `PlugkitServer.create`), as do `plugkit serve --simulate` and `plugkit devices`,
 * so a typo fails loudly everywhere instead of giving a toy that is never found.
 */
import { PlugkitError } from '../../sdk/protocol/errors.js';
import type { DeviceDatabase } from './config/database.js';
import type { DeviceCandidate } from '../hardware/types.js';
import { protocols as builtinProtocols } from '../protocols/index.js';
import { nearest } from '../nearest.js';

/** A simulated toy name resolved against the database. */
export interface SimulatedNameMatch {
  /** The name to advertise, with the database's spelling (case) where the input differed. */
  name: string;
  /** The protocol that will drive the toy. */
  protocol: string;
}

/** One advertised name of the database. */
export interface AdvertisedName {
  /** As in the config; a trailing `*` stands for any rest (e.g. `LVS-*`). */
  name: string;
  protocol: string;
  /** plugkit implements the protocol. */
  supported: boolean;
}

type Supported = { has(protocol: string): boolean };

/** Every Bluetooth LE name in the database (user config protocols included), in config order. */
export function advertisedNames(
  db: DeviceDatabase,
  supported: Supported = builtinProtocols,
): AdvertisedName[] {
  const out: AdvertisedName[] = [];
  const seen = new Set<string>();
  // Names come from the bus specifiers; which protocol owns one is what `match` would pick.
  for (const spec of db.specifiers('btle'))
    for (const name of spec.btle.names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const probe = name.endsWith('*') ? name.slice(0, -1) : name;
      for (const m of db.match(candidateNamed(probe)))
        out.push({ name, protocol: m.protocol, supported: supported.has(m.protocol) });
    }
  return out;
}

const candidateNamed = (name: string): DeviceCandidate => ({
  bus: 'btle',
  name,
  address: '',
  connect: () => Promise.reject(new Error('a name probe cannot connect')),
});

const invalid = (reason: string, message: string) => new PlugkitError('INVALID_ARGUMENT', reason, message);

/**
 * Resolves the advertised name of a simulated toy. An exact name wins; otherwise a
 * case-insensitive match is taken when it is unambiguous (`"massage demo"` → `"Massage Demo"`).
 * Throws a `PlugkitError` (`INVALID_ARGUMENT`) naming the nearest names for an unknown name, and
 * saying so for a name whose protocol plugkit does not implement.
 */
export function resolveSimulatedName(
  db: DeviceDatabase,
  name: string,
  supported: Supported = builtinProtocols,
): SimulatedNameMatch {
  if (name.trim() === '')
    throw invalid('UnknownSimulatedDevice', 'a simulated toy needs a name, e.g. "Massage Demo"');
  const exact = db.match(candidateNamed(name));
  const hit = exact.find((m) => supported.has(m.protocol));
  if (hit) return { name, protocol: hit.protocol };
  if (exact.length)
    throw unsupported(
      name,
      exact.map((m) => m.protocol),
    );

  const lower = name.toLowerCase();
  const spellings = new Set<string>();
  for (const spec of db.specifiers('btle'))
    for (const n of spec.btle.names) {
      if (n.endsWith('*')) {
        const prefix = n.slice(0, -1);
        if (lower.startsWith(prefix.toLowerCase())) spellings.add(prefix + name.slice(prefix.length));
      } else if (n.toLowerCase() === lower) spellings.add(n);
    }
  const resolved = [...spellings].map((s) => ({ name: s, matches: db.match(candidateNamed(s)) }));
  const usable = resolved.flatMap((r) =>
    r.matches.filter((m) => supported.has(m.protocol)).map((m) => ({ name: r.name, protocol: m.protocol })),
  );
  const protocolsHit = new Set(usable.map((u) => u.protocol));
  // Same protocol under several spellings ("LUNA fofo"/"LUNA FOFO") behaves the same: take the first.
  if (protocolsHit.size === 1) return usable[0]!;
  if (protocolsHit.size > 1)
    throw invalid(
      'AmbiguousSimulatedDevice',
      `the simulated toy name "${name}" matches ${usable.map((u) => `"${u.name}" (${u.protocol})`).join(', ')} when case is ignored; write it exactly`,
    );
  const unsupportedHits = resolved.flatMap((r) => r.matches.map((m) => m.protocol));
  if (unsupportedHits.length) throw unsupported(name, unsupportedHits);

  const usableNames = advertisedNames(db, supported).filter((a) => a.supported);
  // People know a toy by its model ("Aneros Vivi") more often than by what it advertises.
  const byModel = usableNames
    .filter(
      (a) => lower.length >= 3 && !a.name.endsWith('*') && modelName(db, a)?.toLowerCase().includes(lower),
    )
    .map((a) => a.name);
  const near = [
    ...new Set([
      ...byModel,
      ...nearest(
        name,
        usableNames.map((a) => a.name),
      ),
    ]),
  ].slice(0, 3);
  throw invalid(
    'UnknownSimulatedDevice',
    `no toy in the device database advertises the name "${name}"` +
      (near.length ? `; nearest: ${near.map((n) => `"${n}"`).join(', ')}` : '') +
      ' (`plugkit devices --search TEXT` lists the names)',
  );
}

const modelName = (db: DeviceDatabase, a: AdvertisedName): string | undefined =>
  db.resolve(a.protocol, a.name, 'plugkit-name-probe')?.name;

const unsupported = (name: string, protocols: string[]) =>
  invalid(
    'UnsupportedSimulatedDevice',
    `the simulated toy name "${name}" belongs to protocol ${[...new Set(protocols)].join(', ')}, which plugkit does not implement yet`,
  );
