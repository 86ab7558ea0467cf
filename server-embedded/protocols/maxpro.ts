import { unhandled, write, type Protocol } from './types.js';

/** MaxPro: the speed twice in a 10-byte frame whose last byte is the 8-bit sum of the others. */
export const maxpro: Protocol = {
  name: 'maxpro',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const speed = cmd.value & 0xff;
      const frame = [0x55, 0x04, 0x07, 0xff, 0xff, 0x3f, speed, 0x5f, speed];
      return [write('tx', [...frame, frame.reduce((sum, b) => (sum + b) & 0xff, 0)])];
    },
  }),
};
