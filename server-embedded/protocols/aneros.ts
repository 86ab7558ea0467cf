import { unhandled, write, type Protocol } from './types.js';

/** Aneros (Vivi): one byte per motor, `0xF1 + feature index`, then the speed (0–127). */
export const aneros: Protocol = {
  name: 'aneros',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0xf1 + cmd.featureIndex, cmd.value])] : unhandled(cmd.type),
  }),
};
