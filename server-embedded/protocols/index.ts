/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { kiirooSpot } from './kiiroo-spot.js';
import { kiirooV2 } from './kiiroo-v2.js';
import { tcodeV03 } from './tcode-v03.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  aneros,
  kiirooSpot,
  kiirooV2,
  tcodeV03,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
