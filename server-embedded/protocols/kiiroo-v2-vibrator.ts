import { unhandled, write, type Protocol } from './types.js';

/** The packet carries every motor, so a newer one makes a queued older one pointless. */
const PACKET = 'kiiroo-v2-vibrator';

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
        return [write('tx', speeds, false, [PACKET])];
      },
    };
  },
};
