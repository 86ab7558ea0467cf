import { unhandled, write, type Protocol } from '../types.js';

/**
 * Libo Elle: the main motor's level (0–3) goes to the mode characteristic. A second motor,
 * where a model has one, takes a packed byte on tx: the level in the high nibble and a mode in
 * the low one (1 for levels 1–7, 4 for 8 and up).
 */
export const liboElle: Protocol = {
  name: 'libo-elle',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const v = cmd.value;
      if (cmd.featureIndex !== 1) return [write('txmode', [v])];
      const packed = v === 0 ? 0 : v <= 7 ? (((v - 1) << 4) | 0x01) & 0xff : (((v - 8) << 4) | 0x04) & 0xff;
      return [write('tx', [packed])];
    },
  }),
};
