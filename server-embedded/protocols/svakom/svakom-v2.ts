import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom second generation, written with response: the main motor is
 * `55 03 03 00 <on> <speed>`, a second motor `55 06 01 00 <speed> <speed>`.
 */
export const svakomV2: Protocol = {
  name: 'svakom-v2',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const v = cmd.value & 0xff;
      return cmd.featureIndex === 1
        ? [write('tx', [0x55, 0x06, 0x01, 0x00, v, v], true)]
        : [write('tx', [0x55, 0x03, 0x03, 0x00, v === 0 ? 0x00 : 0x01, v], true)];
    },
  }),
};
