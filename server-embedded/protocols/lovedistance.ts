import { unhandled, write, type Protocol } from './types.js';

/**
 * Love Distance (Reach, Span, Grasp, …): after a start-up of `F3 00 00` and `F4 01`, the speed
 * (0–121) goes out as `F3 00 <speed>`.
 */
export const lovedistance: Protocol = {
  name: 'lovedistance',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0xf3, 0x00, 0x00), false);
    await hardware.write('tx', Uint8Array.of(0xf4, 0x01), false);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate' ? [write('tx', [0xf3, 0x00, cmd.value])] : unhandled(cmd.type),
    };
  },
};
