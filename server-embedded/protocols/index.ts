/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { lovense } from './lovense.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [aneros, lovense];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
