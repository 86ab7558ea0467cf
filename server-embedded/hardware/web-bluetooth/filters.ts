import type { BtleSpecifier } from '../specifiers.js';
import { canonicalUuid } from '../ble/uuid.js';
import type { BluetoothLEScanFilter, RequestDeviceOptions } from './web-bluetooth-api.js';

/** Chrome refuses names and prefixes longer than this many UTF-8 bytes. */
const MAX_NAME_BYTES = 248;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const fits = (name: string) => name.length > 0 && new TextEncoder().encode(name).length <= MAX_NAME_BYTES;

/**
 * `requestDevice` options from the device database's Bluetooth LE specifiers: the chooser lists
 * only what the database could drive. Each name is a `name` filter (`Foo*` a `namePrefix`), each
 * advertised service and manufacturer id a filter of its own; every GATT service the database
 * names goes into `optionalServices`, since a page may only touch services it asked for here.
 */
export function requestOptionsFor(specifiers: readonly BtleSpecifier[]): RequestDeviceOptions {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  const advertised = new Set<string>();
  const companies = new Set<number>();
  const services = new Set<string>();
  for (const s of specifiers) {
    for (const n of s.names) {
      if (n.endsWith('*')) {
        if (fits(n.slice(0, -1))) prefixes.add(n.slice(0, -1));
      } else if (fits(n)) names.add(n);
    }
    for (const uuid of s.advertisedServices ?? []) {
      const u = canonicalUuid(uuid);
      if (UUID.test(u)) advertised.add(u);
    }
    for (const m of s.manufacturerData ?? []) companies.add(m.company);
    for (const uuid of Object.keys(s.services)) {
      const u = canonicalUuid(uuid);
      if (UUID.test(u)) services.add(u);
    }
  }
  // A name covered by a listed prefix adds nothing to the chooser.
  for (const n of names) if ([...prefixes].some((p) => n.startsWith(p))) names.delete(n);
  const filters: BluetoothLEScanFilter[] = [
    ...[...names].sort().map((name) => ({ name })),
    ...[...prefixes].sort().map((namePrefix) => ({ namePrefix })),
    ...[...advertised].sort().map((uuid) => ({ services: [uuid] })),
    ...[...companies]
      .sort((a, b) => a - b)
      .map((companyIdentifier) => ({ manufacturerData: [{ companyIdentifier }] })),
  ];
  return { filters, optionalServices: [...services].sort() };
}
