/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` exporting a {@link Protocol}, then list it here.
 */
import { aneros } from './aneros.js';
import { svakomDice } from './svakom-dice.js';
import { svakomDt250a } from './svakom-dt250a.js';
import { svakomIker } from './svakom-iker.js';
import { svakomJordan } from './svakom-jordan.js';
import { svakomPulse } from './svakom-pulse.js';
import { svakomSam } from './svakom-sam.js';
import { svakomSam2 } from './svakom-sam2.js';
import { svakomSuitcase } from './svakom-suitcase.js';
import { svakomTarax } from './svakom-tarax.js';
import { svakomV1 } from './svakom-v1.js';
import { svakomV2 } from './svakom-v2.js';
import { svakomV3 } from './svakom-v3.js';
import { svakomV4 } from './svakom-v4.js';
import { svakomV5 } from './svakom-v5.js';
import { svakomV6 } from './svakom-v6.js';
import { synchro } from './synchro.js';
import { thehandy } from './thehandy.js';
import { thehandyV3 } from './thehandy-v3.js';
import { tryfun } from './tryfun.js';
import { tryfunBlackhole } from './tryfun-blackhole.js';
import { tryfunMeta2 } from './tryfun-meta2.js';
import { vibcrafter } from './vibcrafter.js';
import { vibratissimo } from './vibratissimo.js';
import { vorzeSa } from './vorze-sa.js';
import { wetoy } from './wetoy.js';
import { wevibe } from './wevibe.js';
import { wevibe8bit } from './wevibe-8bit.js';
import { wevibeChorus } from './wevibe-chorus.js';
import { xibao } from './xibao.js';
import { xiuxiuda } from './xiuxiuda.js';
import { xuanhuan } from './xuanhuan.js';
import { youcups } from './youcups.js';
import { youou } from './youou.js';
import { zalo } from './zalo.js';
import type { Protocol } from './types.js';

const all: Protocol[] = [
  aneros,
  svakomDice,
  svakomDt250a,
  svakomIker,
  svakomJordan,
  svakomPulse,
  svakomSam,
  svakomSam2,
  svakomSuitcase,
  svakomTarax,
  svakomV1,
  svakomV2,
  svakomV3,
  svakomV4,
  svakomV5,
  svakomV6,
  synchro,
  thehandy,
  thehandyV3,
  tryfun,
  tryfunBlackhole,
  tryfunMeta2,
  vibcrafter,
  vibratissimo,
  vorzeSa,
  wetoy,
  wevibe,
  wevibe8bit,
  wevibeChorus,
  xibao,
  xiuxiuda,
  xuanhuan,
  youcups,
  youou,
  zalo,
];

/** Protocol implementations keyed by their device-config name. */
export const protocols: ReadonlyMap<string, Protocol> = new Map(all.map((p) => [p.name, p]));

export type { Protocol, ProtocolHandler, ProtocolContext, OutputCommand, HardwareCommand } from './types.js';
