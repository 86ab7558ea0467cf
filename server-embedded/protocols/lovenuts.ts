import { unhandled, write, type Protocol } from './types.js';

/** Frame header: ASCII "EVOL". */
const HEADER = [0x45, 0x56, 0x4f, 0x4c];

/**
 * Love Nuts: "EVOL", then ten bytes each holding the speed (0–15) in both nibbles, then
 * `00 FF`.
 */
export const lovenuts: Protocol = {
  name: 'lovenuts',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const level = (cmd.value & 0x0f) | ((cmd.value & 0x0f) << 4);
      return [write('tx', [...HEADER, ...new Array<number>(10).fill(level), 0x00, 0xff])];
    },
  }),
};
