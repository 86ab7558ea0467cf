/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { kgoalBoost } from './kgoal-boost.js';
import { kiirooPowershot } from './kiiroo-powershot.js';
import { kiirooProwand } from './kiiroo-prowand.js';
import { kiirooSpot } from './kiiroo-spot.js';
import { kiirooV2 } from './kiiroo-v2.js';
import { kiirooV2Vibrator } from './kiiroo-v2-vibrator.js';
import { kiirooV21 } from './kiiroo-v21.js';
import { kiirooV21Initialized } from './kiiroo-v21-initialized.js';
import { kiirooV3 } from './kiiroo-v3.js';
import { kizuna } from './kizuna.js';
import { leloF1s } from './lelo-f1s.js';
import { leloF1sv2 } from './lelo-f1sv2.js';
import { leloHarmony } from './lelo-harmony.js';
import { leten } from './leten.js';
import { liboElle } from './libo-elle.js';
import { liboShark } from './libo-shark.js';
import { liboVibes } from './libo-vibes.js';
import { lioness } from './lioness.js';
import { loob } from './loob.js';
import { lovedistance } from './lovedistance.js';
import { lovehoneyDesire } from './lovehoney-desire.js';
import { lovenuts } from './lovenuts.js';
import { luvmazer } from './luvmazer.js';
import { tcodeV03 } from './tcode-v03.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  aneros,
  kgoalBoost,
  kiirooPowershot,
  kiirooProwand,
  kiirooSpot,
  kiirooV2,
  kiirooV2Vibrator,
  kiirooV21,
  kiirooV21Initialized,
  kiirooV3,
  kizuna,
  leloF1s,
  leloF1sv2,
  leloHarmony,
  leten,
  liboElle,
  liboShark,
  liboVibes,
  lioness,
  loob,
  lovedistance,
  lovehoneyDesire,
  lovenuts,
  luvmazer,
  tcodeV03,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
