import { unhandled, write, type Protocol } from './types.js';

/** ManNuo: a fixed 8-byte frame carrying the speed, closed by the XOR of all its bytes; with response. */
export const mannuo: Protocol = {
  name: 'mannuo',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const frame = [0xaa, 0x55, 0x06, 0x01, 0x01, 0x01, cmd.value & 0xff, 0xfa];
      return [write('tx', [...frame, frame.reduce((x, b) => x ^ b, 0)], true)];
    },
  }),
};
