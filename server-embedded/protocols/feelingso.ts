import type { OutputType } from '../../sdk/protocol/index.js';
import { AllMotors } from './support/all-motors.js';
import { unhandled, type Protocol } from './types.js';

/**
 * FeelingSo (Flair Feel): vibration and oscillation in one frame,
 * `AA 40 03 <vibe> <oscillate> 14 19` (the last two bytes are fixed).
 */
export const feelingso: Protocol = {
  name: 'feelingso',
  create: () => {
    const frame = new AllMotors<OutputType>('feelingso/frame', ['Vibrate', 'Oscillate']);
    return {
      output: (cmd) => {
        const [vibe = 0, oscillate = 0] = frame.set(cmd.type, cmd.value) ?? unhandled(cmd.type);
        return [frame.write('tx', [0xaa, 0x40, 0x03, vibe, oscillate, 0x14, 0x19])];
      },
    };
  },
};
