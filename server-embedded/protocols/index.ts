/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { omobo } from './omobo.js';
import { patoo } from './patoo.js';
import { picobong } from './picobong.js';
import { pinkPunch } from './pink-punch.js';
import { prettylove } from './prettylove.js';
import { realov } from './realov.js';
import { sakuraneko } from './sakuraneko.js';
import { satisfyer } from './satisfyer.js';
import { sensee } from './sensee.js';
import { senseeV2 } from './sensee-v2.js';
import { serveu } from './serveu.js';
import { sexverseLg389 } from './sexverse-lg389.js';
import { sexverseV1 } from './sexverse-v1.js';
import { sexverseV2 } from './sexverse-v2.js';
import { sexverseV3 } from './sexverse-v3.js';
import { sexverseV4 } from './sexverse-v4.js';
import { sexverseV5 } from './sexverse-v5.js';
import { svakomAlex } from './svakom-alex.js';
import { svakomAlexV2 } from './svakom-alex-v2.js';
import { svakomAvaneo } from './svakom-avaneo.js';
import { svakomBarnard } from './svakom-barnard.js';
import { svakomBarney } from './svakom-barney.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  aneros,
  omobo,
  patoo,
  picobong,
  pinkPunch,
  prettylove,
  realov,
  sakuraneko,
  satisfyer,
  sensee,
  senseeV2,
  serveu,
  sexverseLg389,
  sexverseV1,
  sexverseV2,
  sexverseV3,
  sexverseV4,
  sexverseV5,
  svakomAlex,
  svakomAlexV2,
  svakomAvaneo,
  svakomBarnard,
  svakomBarney,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
