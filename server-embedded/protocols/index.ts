/**
 * Every toy protocol plugkit knows, by device-config name. To add one: write
 * `protocols/<name>.ts` (or `protocols/<family>/<name>.ts` for a brand with several) exporting a {@link Protocol}, then list it here.
 */
import { activejoy } from './activejoy.js';
import { adrienlastic } from './adrienlastic.js';
import { amorelieJoy } from './amorelie-joy.js';
import { aneros } from './aneros.js';
import { ankni } from './ankni.js';
import { bananasome } from './bananasome.js';
import { cachito } from './cachito.js';
import { cowgirl } from './cowgirl/cowgirl.js';
import { cowgirlCone } from './cowgirl/cowgirl-cone.js';
import { cupido } from './cupido.js';
import { deepsire } from './deepsire.js';
import { feelingso } from './feelingso.js';
import { fleshyThrust } from './fleshy-thrust.js';
import { fluffer } from './fluffer.js';
import { foreo } from './foreo.js';
import { fox } from './fox.js';
import { fredorch } from './fredorch/fredorch.js';
import { fredorchRotary } from './fredorch/fredorch-rotary.js';
import { galaku } from './galaku/galaku.js';
import { galakuPump } from './galaku/galaku-pump.js';
import { hgod } from './hgod.js';
import { hismith } from './hismith/hismith.js';
import { hismithMini } from './hismith/hismith-mini.js';
import { honeyplaybox } from './honeyplaybox/honeyplaybox.js';
import { htkBm } from './htk_bm.js';
import { itoys } from './itoys.js';
import { jejoue } from './jejoue.js';
import { joyhub } from './joyhub.js';
import { kgoalBoost } from './kgoal-boost.js';
import { kiirooPowershot } from './kiiroo/kiiroo-powershot.js';
import { kiirooProwand } from './kiiroo/kiiroo-prowand.js';
import { kiirooSpot } from './kiiroo/kiiroo-spot.js';
import { kiirooV1 } from './kiiroo/kiiroo-v1.js';
import { kiirooV2 } from './kiiroo/kiiroo-v2.js';
import { kiirooV2Vibrator } from './kiiroo/kiiroo-v2-vibrator.js';
import { kiirooV21 } from './kiiroo/kiiroo-v21.js';
import { kiirooV21Initialized } from './kiiroo/kiiroo-v21-initialized.js';
import { kiirooV3 } from './kiiroo/kiiroo-v3.js';
import { kizuna } from './kizuna.js';
import { leloF1s } from './lelo/lelo-f1s.js';
import { leloF1sv2 } from './lelo/lelo-f1sv2.js';
import { leloHarmony } from './lelo/lelo-harmony.js';
import { leten } from './leten.js';
import { liboElle } from './libo/libo-elle.js';
import { liboShark } from './libo/libo-shark.js';
import { liboVibes } from './libo/libo-vibes.js';
import { lioness } from './lioness.js';
import { loob } from './loob.js';
import { lovedistance } from './lovedistance.js';
import { lovehoneyDesire } from './lovehoney-desire.js';
import { lovense } from './lovense/lovense.js';
import { lovenuts } from './lovenuts.js';
import { luvmazer } from './luvmazer.js';
import { magicMotion1 } from './magic-motion/magic-motion-1.js';
import { magicMotion2 } from './magic-motion/magic-motion-2.js';
import { magicMotion3 } from './magic-motion/magic-motion-3.js';
import { magicMotion4 } from './magic-motion/magic-motion-4.js';
import { mannuo } from './mannuo.js';
import { maxpro } from './maxpro.js';
import { meese } from './meese.js';
import { mizzzee } from './mizzzee/mizzzee.js';
import { mizzzeeV2 } from './mizzzee/mizzzee-v2.js';
import { mizzzeeV3 } from './mizzzee/mizzzee-v3.js';
import { monsterpub } from './monsterpub.js';
import { motorbunny } from './motorbunny.js';
import { muse } from './muse.js';
import { mymuselinkplus } from './mymuselinkplus.js';
import { mysteryvibe } from './mysteryvibe/mysteryvibe.js';
import { mysteryvibeV2 } from './mysteryvibe/mysteryvibe-v2.js';
import { nextlevelracing } from './nextlevelracing.js';
import { nexusRevo } from './nexus-revo.js';
import { nintendoJoycon } from './nintendo-joycon.js';
import { nobra } from './nobra.js';
import { omobo } from './omobo.js';
import { patoo } from './patoo.js';
import { picobong } from './picobong.js';
import { pinkPunch } from './pink-punch.js';
import { prettylove } from './prettylove.js';
import { realov } from './realov.js';
import { rezTrancevibrator } from './rez-trancevibrator.js';
import { sakuraneko } from './sakuraneko.js';
import { satisfyer } from './satisfyer.js';
import { sensee } from './sensee/sensee.js';
import { senseeV2 } from './sensee/sensee-v2.js';
import { serveu } from './serveu.js';
import { sexverseLg389 } from './sexverse/sexverse-lg389.js';
import { sexverseV1 } from './sexverse/sexverse-v1.js';
import { sexverseV2 } from './sexverse/sexverse-v2.js';
import { sexverseV3 } from './sexverse/sexverse-v3.js';
import { sexverseV4 } from './sexverse/sexverse-v4.js';
import { sexverseV5 } from './sexverse/sexverse-v5.js';
import { svakomAlex } from './svakom/svakom-alex.js';
import { svakomAlexV2 } from './svakom/svakom-alex-v2.js';
import { svakomAvaneo } from './svakom/svakom-avaneo.js';
import { svakomBarnard } from './svakom/svakom-barnard.js';
import { svakomBarney } from './svakom/svakom-barney.js';
import { svakomDice } from './svakom/svakom-dice.js';
import { svakomDt250a } from './svakom/svakom-dt250a.js';
import { svakomIker } from './svakom/svakom-iker.js';
import { svakomJordan } from './svakom/svakom-jordan.js';
import { svakomPulse } from './svakom/svakom-pulse.js';
import { svakomSam } from './svakom/svakom-sam.js';
import { svakomSam2 } from './svakom/svakom-sam2.js';
import { svakomSuitcase } from './svakom/svakom-suitcase.js';
import { svakomTarax } from './svakom/svakom-tarax.js';
import { svakomV1 } from './svakom/svakom-v1.js';
import { svakomV2 } from './svakom/svakom-v2.js';
import { svakomV3 } from './svakom/svakom-v3.js';
import { svakomV4 } from './svakom/svakom-v4.js';
import { svakomV5 } from './svakom/svakom-v5.js';
import { svakomV6 } from './svakom/svakom-v6.js';
import { synchro } from './synchro.js';
import { tcodeV03 } from './tcode-v03.js';
import { thehandy } from './thehandy/thehandy.js';
import { thehandyV3 } from './thehandy/thehandy-v3.js';
import { tryfun } from './tryfun/tryfun.js';
import { tryfunBlackhole } from './tryfun/tryfun-blackhole.js';
import { tryfunMeta2 } from './tryfun/tryfun-meta2.js';
import { vibcrafter } from './vibcrafter.js';
import { vibratissimo } from './vibratissimo.js';
import { vorzeCycloneX } from './vorze/vorze-cyclone-x.js';
import { vorzeSa } from './vorze/vorze-sa.js';
import { wetoy } from './wetoy.js';
import { wevibe } from './wevibe/wevibe.js';
import { wevibe8bit } from './wevibe/wevibe-8bit.js';
import { wevibeChorus } from './wevibe/wevibe-chorus.js';
import { xibao } from './xibao.js';
import { xiuxiuda } from './xiuxiuda.js';
import { xuanhuan } from './xuanhuan.js';
import { youcups } from './youcups.js';
import { youou } from './youou.js';
import { zalo } from './zalo.js';
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
  kgoalBoost,
  kiirooPowershot,
  kiirooProwand,
  kiirooSpot,
  kiirooV1,
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
  lovense,
  lovenuts,
  luvmazer,
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
  muse,
  mymuselinkplus,
  mysteryvibe,
  mysteryvibeV2,
  nextlevelracing,
  nexusRevo,
  nintendoJoycon,
  nobra,
  omobo,
  patoo,
  picobong,
  pinkPunch,
  prettylove,
  realov,
  rezTrancevibrator,
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
  tcodeV03,
  thehandy,
  thehandyV3,
  tryfun,
  tryfunBlackhole,
  tryfunMeta2,
  vibcrafter,
  vibratissimo,
  vorzeCycloneX,
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
