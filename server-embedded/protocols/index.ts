/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { lovense } from './lovense.js';
import { magicMotion1 } from './magic-motion-1.js';
import { magicMotion2 } from './magic-motion-2.js';
import { magicMotion3 } from './magic-motion-3.js';
import { magicMotion4 } from './magic-motion-4.js';
import { mannuo } from './mannuo.js';
import { maxpro } from './maxpro.js';
import { meese } from './meese.js';
import { mizzzee } from './mizzzee.js';
import { mizzzeeV2 } from './mizzzee-v2.js';
import { mizzzeeV3 } from './mizzzee-v3.js';
import { monsterpub } from './monsterpub.js';
import { motorbunny } from './motorbunny.js';
import { mymuselinkplus } from './mymuselinkplus.js';
import { mysteryvibe } from './mysteryvibe.js';
import { mysteryvibeV2 } from './mysteryvibe-v2.js';
import { nextlevelracing } from './nextlevelracing.js';
import { nexusRevo } from './nexus-revo.js';
import { nintendoJoycon } from './nintendo-joycon.js';
import { nobra } from './nobra.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  aneros,
  lovense,
  magicMotion1,
  magicMotion2,
  magicMotion3,
  magicMotion4,
  mannuo,
  maxpro,
  meese,
  mizzzee,
  mizzzeeV2,
  mizzzeeV3,
  monsterpub,
  motorbunny,
  mymuselinkplus,
  mysteryvibe,
  mysteryvibeV2,
  nextlevelracing,
  nexusRevo,
  nintendoJoycon,
  nobra,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
