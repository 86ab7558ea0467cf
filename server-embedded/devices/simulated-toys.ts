/**
 * Turns the `simulate` entries of the server options (and `--simulate`) into simulated toy
 * specs: a name is checked against the device database (a typo fails with the nearest names),
 * and the toy learns which protocol it speaks and which model it reports, so it can answer its
 * protocol's handshake and battery queries like the real toy.
 */
import { PlugkitError } from '../../sdk/protocol/errors.js';
import type { SimulatedDeviceSpec } from '../hardware/simulated/simulated-device.js';
import { modelFromName } from '../protocols/lovense/identify.js';
import { protocols as builtinProtocols } from '../protocols/index.js';
import type { DeviceDatabase } from './config/database.js';
import { resolveSimulatedName } from './simulate-names.js';

type Supported = { has(protocol: string): boolean };

const invalid = (message: string) => new PlugkitError('INVALID_ARGUMENT', 'InvalidSimulatedDevice', message);

/** Settings a `simulate` string may carry after `@`: `"LVS-Z36@battery=40"`. */
const SETTINGS = ['battery', 'pressure', 'model'] as const;

/**
 * Splits `NAME@key=value,key=value` into the name and spec fields. Keys: `battery` (0–100),
 * `pressure` (0–65535), `model` (the identifier the toy reports). Throws a `PlugkitError`
 * naming a bad key or value.
 */
export function parseSimulateEntry(
  entry: string,
): Pick<SimulatedDeviceSpec, 'name' | 'battery' | 'pressure' | 'identifier'> {
  const at = entry.indexOf('@');
  if (at < 0) return { name: entry };
  const out: ReturnType<typeof parseSimulateEntry> = { name: entry.slice(0, at) };
  for (const part of entry.slice(at + 1).split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(SETTINGS as readonly string[]).includes(key))
      throw invalid(
        `simulated toy "${entry}": unknown setting "${key}" after @; use ${SETTINGS.map((s) => `${s}=…`).join(', ')}`,
      );
    if (value === '') throw invalid(`simulated toy "${entry}": ${key} needs a value, e.g. ${key}=40`);
    if (key === 'model') {
      out.identifier = value;
      continue;
    }
    const n = Number(value);
    const max = key === 'battery' ? 100 : 0xffff;
    if (!/^\d+(\.\d+)?$/.test(value) || n > max)
      throw invalid(`simulated toy "${entry}": ${key} must be a number 0..${max}, got "${value}"`);
    if (key === 'battery') out.battery = n;
    else out.pressure = n;
  }
  return out;
}

/**
 * The model a toy with this name reports when asked: a Lovense `LVS-Z36` is a `Z` (Hush); a
 * name that is itself a model identifier is that model; otherwise the protocol's first
 * configured model, so the toy identifies as a real model rather than the protocol defaults.
 */
export function defaultIdentifier(db: DeviceDatabase, protocol: string, name: string): string | undefined {
  const configs = db.protocol(protocol)?.configurations ?? [];
  const known = (id: string | undefined) =>
    id !== undefined && configs.some((c) => c.identifiers.includes(id));
  const fromName = protocol === 'lovense' ? modelFromName(name) : name;
  if (known(fromName)) return fromName;
  return configs.find((c) => c.identifiers.length > 0)?.identifiers[0];
}

/**
 * One `simulate` entry as a full spec. A string is `NAME` or `NAME@battery=40,model=Z`; its name
 * must be one the database knows for a protocol plugkit implements (else a `PlugkitError`,
 * `INVALID_ARGUMENT`, naming the nearest names), and takes the database's spelling, and the
 * toy answers its protocol's queries. A spec object is taken as given: it answers only when it
 * names its `protocol` (then a missing `identifier` is filled in), so a scripted toy — a device
 * test case, a protocol test — is never answered for behind its script's back.
 */
export function simulatedToySpec(
  db: DeviceDatabase,
  entry: string | SimulatedDeviceSpec,
  supported: Supported = builtinProtocols,
): SimulatedDeviceSpec {
  if (typeof entry === 'string') {
    const parsed = parseSimulateEntry(entry);
    const { name, protocol } = resolveSimulatedName(db, parsed.name, supported);
    const identifier = parsed.identifier ?? defaultIdentifier(db, protocol, name);
    return { ...parsed, name, protocol, ...(identifier !== undefined ? { identifier } : {}) };
  }
  if (entry.protocol === undefined || entry.identifier !== undefined) return entry;
  const protocol = entry.protocol;
  const identifier = entry.identifier ?? defaultIdentifier(db, protocol, entry.name);
  return { ...entry, protocol, ...(identifier !== undefined ? { identifier } : {}) };
}
