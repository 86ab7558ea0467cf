import { unhandled, write, type Protocol } from './types.js';

/** Cachito: `<2+i> <1+i> <speed> 00` for motor i (the feature index). */
export const cachito: Protocol = {
  name: 'cachito',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [2 + cmd.featureIndex, 1 + cmd.featureIndex, cmd.value, 0x00])]
        : unhandled(cmd.type),
  }),
};
