import { unhandled, write, type Protocol } from '../types.js';

/**
 * Sexverse v2 (Nolan, HH010, Libo Miao …): after `AA 04`, each motor is set on its own with
 * `AA 03 01 <feature index + 1> 64 <speed>`, all written with response.
 */
export const sexverseV2: Protocol = {
  name: 'sexverse-v2',
  create: async (ctx) => {
    await ctx.hardware.write('tx', Uint8Array.of(0xaa, 0x04), true);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate' || cmd.type === 'Oscillate'
          ? [write('tx', [0xaa, 0x03, 0x01, cmd.featureIndex + 1, 0x64, cmd.value], true)]
          : unhandled(cmd.type),
    };
  },
};
