import { twoMotorFrame } from './magic-motion-packets.js';
import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/** Magic Motion, second generation: both motor slots in every frame (the second unused on one-motor toys). */
export const magicMotion2: Protocol = {
  name: 'magic-motion-2',
  create: () => {
    const motors = new AllMotors('magic-motion-2/frame', firstFeatures(2));
    return {
      output: (cmd) => {
        const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
        if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const [m0 = 0, m1 = 0] = speeds;
        return [motors.write('tx', twoMotorFrame(0x0a, m0, m1))];
      },
    };
  },
};
