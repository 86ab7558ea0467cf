import { unhandled, write, type Protocol } from './types.js';

/** Xibao cup: a fixed 11-byte header, the speed, and the speed + 0xB5 as checksum. */
export const xibao: Protocol = {
  name: 'xibao',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Oscillate') return unhandled(cmd.type);
      const v = cmd.value & 0xff;
      return [
        write('tx', [0x66, 0x3a, 0x00, 0x06, 0x00, 0x06, 0x01, 0x02, 0x00, 0x02, 0x04, v, (v + 0xb5) & 0xff]),
      ];
    },
  }),
};
