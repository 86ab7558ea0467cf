import { unhandled, write, type Protocol } from './types.js';

/** Both motors share one frame: a newer frame replaces a waiting one. */
const FRAME_IDS = ['jejoue/frame'];

/**
 * Je Joue: one frame `<pattern> <speed>` for two motors. Pattern 2 drives the first motor,
 * 3 the second, 1 is off; when both run, the first motor's speed wins (the toy has one speed).
 */
export const jejoue: Protocol = {
  name: 'jejoue',
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (cmd.featureIndex > 1) return unhandled(`feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        const [first, second] = speeds as [number, number];
        const frame = first > 0 ? [2, first] : second > 0 ? [3, second] : [1, 0];
        return [write('tx', frame, false, FRAME_IDS)];
      },
    };
  },
};
