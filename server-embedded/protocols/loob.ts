import { unhandled, write, type Protocol } from './types.js';

const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff];

/**
 * Joyroid Loob: a position (1–1000) and a duration in ms (low 16 bits, at least 1), both big-endian u16. At
 * start-up it is sent to the bottom in half a second (acknowledged).
 */
export const loob: Protocol = {
  name: 'loob',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0x00, 0x01, 0x01, 0xf4), true);
    return {
      output: (cmd) => {
        if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
        const position = Math.min(Math.max(cmd.value, 1), 1000);
        // As the reference: the duration is cut to its low 16 bits (not clamped), then at least 1.
        const duration = Math.max((cmd.duration ?? 0) & 0xffff, 1);
        return [write('tx', [...u16be(position), ...u16be(duration)])];
      },
    };
  },
};
