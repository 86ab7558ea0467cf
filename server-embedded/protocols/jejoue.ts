import { AllMotors, firstFeatures } from './support/all-motors.js';
import { unhandled, type Protocol } from './types.js';

/**
 * Je Joue: one frame `<pattern> <speed>` for two motors. Pattern 2 drives the first motor,
 * 3 the second, 1 is off; when both run, the first motor's speed wins (the toy has one speed).
 */
export const jejoue: Protocol = {
  name: 'jejoue',
  create: () => {
    const motors = new AllMotors('jejoue/frame', firstFeatures(2));
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const [first = 0, second = 0] =
          motors.set(cmd.featureIndex, cmd.value) ?? unhandled(`feature ${cmd.featureIndex}`);
        const frame = first > 0 ? [2, first] : second > 0 ? [3, second] : [1, 0];
        return [motors.write('tx', frame)];
      },
    };
  },
};
