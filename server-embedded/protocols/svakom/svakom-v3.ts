import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom third generation: the main motor is `55 03 03 00 <on> <speed>`, any other vibrator
 * `55 09 00 00 <on> <speed>`, rotation `55 08 00 00 <speed> FF`.
 */
export const svakomV3: Protocol = {
  name: 'svakom-v3',
  create: () => ({
    output: (cmd) => {
      const v = cmd.value & 0xff;
      if (cmd.type === 'Vibrate') {
        const main = cmd.featureIndex === 0;
        return [write('tx', [0x55, main ? 0x03 : 0x09, main ? 0x03 : 0x00, 0x00, v === 0 ? 0x00 : 0x01, v])];
      }
      if (cmd.type === 'Rotate') return [write('tx', [0x55, 0x08, 0x00, 0x00, v, 0xff])];
      return unhandled(cmd.type);
    },
  }),
};
