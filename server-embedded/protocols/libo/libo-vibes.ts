import { unhandled, write, type Protocol } from '../types.js';

/** The reference tags every Libo write (both endpoints) as one device-wide command. */
const IDS = ['libo-vibes'];

/**
 * Libo vibrators (Lottie, Lina, LaLa, …): the main motor's speed (0–100) goes to tx, and when
 * it stops, a zero to the mode characteristic too; a second motor (0–3) is driven through the
 * mode characteristic alone.
 */
export const liboVibes: Protocol = {
  name: 'libo-vibes',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      if (cmd.featureIndex === 0)
        return cmd.value === 0
          ? [write('tx', [0], false, IDS), write('txmode', [0], false, IDS)]
          : [write('tx', [cmd.value], false, IDS)];
      if (cmd.featureIndex === 1) return [write('txmode', [cmd.value], false, IDS)];
      return unhandled(`Vibrate on feature ${cmd.featureIndex}`);
    },
  }),
};
