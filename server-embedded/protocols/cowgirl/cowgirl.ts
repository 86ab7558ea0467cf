import { unhandled, write, type Protocol } from '../types.js';

/** Vibration and rotation share one frame: a newer frame replaces a waiting one. */
const FRAME_IDS = ['cowgirl/frame'];

/**
 * The Cowgirl / Unicorn: vibration and rotation share one frame, `00 01 <vibe> <rotate>`,
 * written with response. Rotation has no direction on this toy (its rotator is one-way), so
 * only its magnitude is sent.
 */
export const cowgirl: Protocol = {
  name: 'cowgirl',
  create: () => {
    let vibe = 0;
    let rotate = 0;
    return {
      output: (cmd) => {
        if (cmd.type === 'Vibrate') vibe = cmd.value;
        else if (cmd.type === 'Rotate') rotate = Math.abs(cmd.value);
        else return unhandled(cmd.type);
        return [write('tx', [0x00, 0x01, vibe, rotate], true, FRAME_IDS)];
      },
    };
  },
};
