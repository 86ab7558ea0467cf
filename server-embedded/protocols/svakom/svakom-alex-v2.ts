import { unhandled, write, type Protocol } from '../types.js';

/** Svakom Alex Neo 2: `55 03 03 00 <level> <level + 5>` (level 0–3). */
export const svakomAlexV2: Protocol = {
  name: 'svakom-alex-v2',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x55, 0x03, 0x03, 0x00, cmd.value, cmd.value + 5])]
        : unhandled(cmd.type),
  }),
};
