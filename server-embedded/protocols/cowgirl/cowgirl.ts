import type { OutputType } from '../../../sdk/protocol/index.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * The Cowgirl / Unicorn: vibration and rotation share one frame, `00 01 <vibe> <rotate>`,
 * written with response. Rotation has no direction on this toy (its rotator is one-way), so
 * only its magnitude is sent.
 */
export const cowgirl: Protocol = {
  name: 'cowgirl',
  create: () => {
    const frame = new AllMotors<OutputType>('cowgirl/frame', ['Vibrate', 'Rotate']);
    return {
      output: (cmd) => {
        const [vibe = 0, rotate = 0] = frame.set(cmd.type, Math.abs(cmd.value)) ?? unhandled(cmd.type);
        return [frame.write('tx', [0x00, 0x01, vibe, rotate], true)];
      },
    };
  },
};
