import { unhandled, write, type Protocol } from './types.js';

/** The WeToy stop/reset packet; also sent once at connect. */
const RESET = [0x80, 0x03];

/** WeToy MiNa: level n as `B2 <n-1>`, stop as `80 03`; all written with response. */
export const wetoy: Protocol = {
  name: 'wetoy',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.from(RESET), true);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        return [write('tx', cmd.value === 0 ? RESET : [0xb2, (cmd.value - 1) & 0xff], true)];
      },
    };
  },
};
