import { twoMotorFrame } from './magic-motion-packets.js';
import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * Magic Motion, fourth generation: the two-slot frame, written with response. One-motor toys get
 * their speed in both slots; two-motor toys keep each motor's last speed.
 */
export const magicMotion4: Protocol = {
  name: 'magic-motion-4',
  create: ({ device }) => {
    const motors = device.features.filter((f) => f.outputs.length > 0).length;
    const frame = new AllMotors('magic-motion-4/frame', firstFeatures(2));
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (motors === 1) return [frame.write('tx', twoMotorFrame(0x32, cmd.value, cmd.value), true)];
        const [m0 = 0, m1 = 0] =
          frame.set(cmd.featureIndex, cmd.value) ?? unhandled(`Vibrate on feature ${cmd.featureIndex}`);
        return [frame.write('tx', twoMotorFrame(0x32, m0, m1), true)];
      },
    };
  },
};
