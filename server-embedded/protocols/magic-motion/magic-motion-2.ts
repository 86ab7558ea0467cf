import { twoMotorFrame } from './magic-motion-packets.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Both slots travel in every frame: a newer frame replaces one still waiting out the message gap. */
const FRAME_IDS = ['magic-motion-2/frame'];

/** Magic Motion, second generation: both motor slots in every frame (the second unused on one-motor toys). */
export const magicMotion2: Protocol = {
  name: 'magic-motion-2',
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' || cmd.featureIndex > 1)
          return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        return [write('tx', twoMotorFrame(0x0a, speeds[0]!, speeds[1]!), false, FRAME_IDS)];
      },
    };
  },
};
