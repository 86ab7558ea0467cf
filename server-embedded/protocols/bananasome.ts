import { AllMotors, firstFeatures } from './support/all-motors.js';
import { unhandled, type Protocol } from './types.js';

/** Bananasome (Rocket X7): all three motors in one frame, `A0 03 <m0> <m1> <m2>`. */
export const bananasome: Protocol = {
  name: 'bananasome',
  create: () => {
    const motors = new AllMotors('bananasome/frame', firstFeatures(3));
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' && cmd.type !== 'Oscillate') return unhandled(cmd.type);
        const levels = motors.set(cmd.featureIndex, cmd.value) ?? unhandled(`feature ${cmd.featureIndex}`);
        return [motors.write('tx', [0xa0, 0x03, ...levels])];
      },
    };
  },
};
