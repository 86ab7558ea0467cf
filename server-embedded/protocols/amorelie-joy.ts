import { unhandled, write, type Protocol } from './types.js';

/** Amorelie Joy: one init byte (0x03), then `01 01 <speed>` (header, steady pattern, 0–100). */
export const amorelieJoy: Protocol = {
  name: 'amorelie-joy',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0x03), false);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate' ? [write('tx', [0x01, 0x01, cmd.value])] : unhandled(cmd.type),
    };
  },
};
