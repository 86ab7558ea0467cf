import { unhandled, write, type Protocol } from './types.js';

/** The mode byte depends on the model family, which only the advertised name tells. */
const modeFor = (name: string): number => {
  const n = name.toLowerCase();
  if (n.includes('smart') && n.includes('2')) return 3;
  if (n.includes('fofo') || n.includes('ufo')) return 1;
  return 0;
};

/** Foreo (LUNA, UFO, BEAR…): `01 <mode> <speed>`, written with response. */
export const foreo: Protocol = {
  name: 'foreo',
  create: ({ hardware }) => {
    const mode = modeFor(hardware.name);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate' ? [write('tx', [0x01, mode, cmd.value], true)] : unhandled(cmd.type),
    };
  },
};
