import { unhandled, write, type Protocol } from './types.js';

/**
 * Youou wand: `AA 55 <packet id> 02 03 01 <speed> <on> <xor of the 8 bytes> FF` and eight zero
 * bytes. The id counts up per packet. Every model is known by the one identifier `VX001_`.
 */
export const youou: Protocol = {
  name: 'youou',
  identify: async () => ({ identifier: 'VX001_' }),
  create: () => {
    let packetId = 0;
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const v = cmd.value & 0xff;
        const head = [0xaa, 0x55, packetId, 0x02, 0x03, 0x01, v, v > 0 ? 1 : 0];
        packetId = (packetId + 1) & 0xff;
        const xor = head.reduce((a, b) => a ^ b, 0);
        return [write('tx', [...head, xor, 0xff, 0, 0, 0, 0, 0, 0, 0])];
      },
    };
  },
};
