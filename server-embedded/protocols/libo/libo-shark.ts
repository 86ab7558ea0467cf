import { unhandled, write, type Protocol } from '../types.js';

/** One byte holds both motors; a newer byte supersedes a queued one. */
const PACKET = 'libo-shark';

/** Libo Shark: one byte, motor 0's level (0–3) in the high nibble and motor 1's in the low. */
export const liboShark: Protocol = {
  name: 'libo-shark',
  create: () => {
    const levels = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' || cmd.featureIndex > 1)
          return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        levels[cmd.featureIndex] = cmd.value & 0x0f;
        return [write('tx', [(levels[0]! << 4) | levels[1]!], false, [PACKET])];
      },
    };
  },
};
