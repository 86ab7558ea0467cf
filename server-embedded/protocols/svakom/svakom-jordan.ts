import { unhandled, write, type Protocol } from '../types.js';

/** Svakom Jordan: `55 <03 vibrate | 08 oscillate> 00 00 <on> <speed> 00`. */
export const svakomJordan: Protocol = {
  name: 'svakom-jordan',
  create: () => ({
    output: (cmd) => {
      const mode = cmd.type === 'Vibrate' ? 0x03 : cmd.type === 'Oscillate' ? 0x08 : unhandled(cmd.type);
      return [write('tx', [0x55, mode, 0x00, 0x00, cmd.value === 0 ? 0x00 : 0x01, cmd.value & 0xff, 0x00])];
    },
  }),
};
