import { unhandled, write, type Protocol } from './types.js';

/**
 * Luvmazer: six-byte frames starting `A0`, the second byte naming the function (01 vibrate,
 * 0F rotate, 06 oscillate, 0D constrict), the last carrying the level. Vibrate frames also name
 * the motor (feature index) in the fourth byte; rotation has no direction control.
 */
export const luvmazer: Protocol = {
  name: 'luvmazer',
  create: () => ({
    output: (cmd) => {
      const v = Math.abs(cmd.value) & 0xff;
      switch (cmd.type) {
        case 'Vibrate':
          return [write('tx', [0xa0, 0x01, 0x00, cmd.featureIndex, 0x64, v])];
        case 'Rotate':
          return [write('tx', [0xa0, 0x0f, 0x00, 0x00, 0x64, v])];
        case 'Oscillate':
          return [write('tx', [0xa0, 0x06, 0x01, 0x00, 0x64, v])];
        case 'Constrict':
          return [write('tx', [0xa0, 0x0d, 0x00, 0x00, v === 0 ? 0x00 : 0x14, v])];
        default:
          return unhandled(cmd.type);
      }
    },
  }),
};
