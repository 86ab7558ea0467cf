import { unhandled, write, type Protocol } from './types.js';

/** Nobra's Silicone Dreams: one byte, `0x60 + speed` (1–15), `0x70` = off; sent once at connect. */
export const nobra: Protocol = {
  name: 'nobra',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0x70), false);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate'
          ? [write('tx', [cmd.value === 0 ? 0x70 : 0x60 + cmd.value])]
          : unhandled(cmd.type),
    };
  },
};
