import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom Ava Neo: feature 0 uses `55 03 00 00 <on> <speed>` (on = 1 unless the speed is 0); other
 * features use `55 09 …` (vibrate) or `55 08 …` (oscillate) `00 00 <speed> FF`.
 */
export const svakomAvaneo: Protocol = {
  name: 'svakom-avaneo',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate' && cmd.type !== 'Oscillate') return unhandled(cmd.type);
      if (cmd.featureIndex === 0)
        return [write('tx', [0x55, 0x03, 0x00, 0x00, cmd.value === 0 ? 0x00 : 0x01, cmd.value])];
      return [write('tx', [0x55, cmd.type === 'Vibrate' ? 0x09 : 0x08, 0x00, 0x00, cmd.value, 0xff])];
    },
  }),
};
