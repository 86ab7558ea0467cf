import { unhandled, write, type Protocol } from '../types.js';

/**
 * Kiiroo v2 vibrators (Pearl 2, Fuse, Titan, PornHub toys): one three-byte packet with a speed
 * (0–100) per motor slot; models with fewer motors leave the other slots at zero.
 */
export const kiirooV2Vibrator: Protocol = {
  name: 'kiiroo-v2-vibrator',
  create: () => {
    const speeds = [0, 0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' || cmd.featureIndex > 2)
          return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        // Tagged per feature (the default), as the reference does: one packet per motor command.
        return [write('tx', speeds)];
      },
    };
  },
};
