/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { activejoy } from './activejoy.js';
import { adrienlastic } from './adrienlastic.js';
import { amorelieJoy } from './amorelie-joy.js';
import { aneros } from './aneros.js';
import { ankni } from './ankni.js';
import { bananasome } from './bananasome.js';
import { cachito } from './cachito.js';
import { cowgirl } from './cowgirl.js';
import { cowgirlCone } from './cowgirl-cone.js';
import { cupido } from './cupido.js';
import { deepsire } from './deepsire.js';
import { feelingso } from './feelingso.js';
import { fleshyThrust } from './fleshy-thrust.js';
import { fluffer } from './fluffer.js';
import { foreo } from './foreo.js';
import { fox } from './fox.js';
import { fredorch } from './fredorch.js';
import { fredorchRotary } from './fredorch-rotary.js';
import { galaku } from './galaku.js';
import { galakuPump } from './galaku-pump.js';
import { hgod } from './hgod.js';
import { hismith } from './hismith.js';
import { hismithMini } from './hismith-mini.js';
import { honeyplaybox } from './honeyplaybox.js';
import { htkBm } from './htk_bm.js';
import { itoys } from './itoys.js';
import { jejoue } from './jejoue.js';
import { joyhub } from './joyhub.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  activejoy,
  adrienlastic,
  amorelieJoy,
  aneros,
  ankni,
  bananasome,
  cachito,
  cowgirl,
  cowgirlCone,
  cupido,
  deepsire,
  feelingso,
  fleshyThrust,
  fluffer,
  foreo,
  fox,
  fredorch,
  fredorchRotary,
  galaku,
  galakuPump,
  hgod,
  hismith,
  hismithMini,
  honeyplaybox,
  htkBm,
  itoys,
  jejoue,
  joyhub,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
