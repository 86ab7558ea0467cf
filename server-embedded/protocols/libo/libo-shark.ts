import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/** Libo Shark: one byte, motor 0's level (0–3) in the high nibble and motor 1's in the low. */
export const liboShark: Protocol = {
  name: 'libo-shark',
  create: () => {
    const motors = new AllMotors('libo-shark', firstFeatures(2));
    return {
      output: (cmd) => {
        const levels = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value & 0x0f) : undefined;
        if (!levels) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const [high = 0, low = 0] = levels;
        return [motors.write('tx', [(high << 4) | low])];
      },
    };
  },
};
