import { unhandled, write, type Protocol } from '../types.js';

/**
 * ToyCod Tara X: first vibrator `55 03 00 00 <speed> 02` (resting as `… 01 01`), second vibrator
 * `55 09 00 00 <speed> 00`. The reference itself doubts this mapping; it is carried as is.
 */
export const svakomTarax: Protocol = {
  name: 'svakom-tarax',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const v = cmd.value & 0xff;
      if (cmd.featureIndex === 0)
        return [write('tx', [0x55, 0x03, 0x00, 0x00, v === 0 ? 0x01 : v, v === 0 ? 0x01 : 0x02])];
      return [write('tx', [0x55, 0x09, 0x00, 0x00, v, 0x00])];
    },
  }),
};
