import { unhandled, write, type Protocol } from './types.js';

/**
 * Zalo: both motors in one packet `<01 running | 02 stopped> <speed 1> <speed 2>`, where a
 * resting motor is sent as 1. Written with response.
 */
export const zalo: Protocol = {
  name: 'zalo',
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speeds[cmd.featureIndex === 0 ? 0 : 1] = cmd.value & 0xff;
        const [a, b] = speeds as [number, number];
        return [
          write('tx', [a === 0 && b === 0 ? 0x02 : 0x01, a === 0 ? 0x01 : a, b === 0 ? 0x01 : b], true),
        ];
      },
    };
  },
};
