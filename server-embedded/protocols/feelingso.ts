import { unhandled, write, type Protocol } from './types.js';

/** Both outputs share one frame: a newer frame replaces a waiting one. */
const FRAME_IDS = ['feelingso/frame'];

/**
 * FeelingSo (Flair Feel): vibration and oscillation in one frame,
 * `AA 40 03 <vibe> <oscillate> 14 19` (the last two bytes are fixed).
 */
export const feelingso: Protocol = {
  name: 'feelingso',
  create: () => {
    let vibe = 0;
    let oscillate = 0;
    return {
      output: (cmd) => {
        if (cmd.type === 'Vibrate') vibe = cmd.value;
        else if (cmd.type === 'Oscillate') oscillate = cmd.value;
        else return unhandled(cmd.type);
        return [write('tx', [0xaa, 0x40, 0x03, vibe, oscillate, 0x14, 0x19], false, FRAME_IDS)];
      },
    };
  },
};
