import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * Kiiroo PowerShot: two motors in one acknowledged packet `01 00 00 <m0> <m1> 00` (0–100 each);
 * the handler remembers the other motor's speed. Battery is the standard BLE battery service.
 */
export const kiirooPowershot: Protocol = {
  name: 'kiiroo-powershot',
  create: () => {
    const motors = new AllMotors('kiiroo-powershot', firstFeatures(2));
    return {
      output: (cmd) => {
        const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
        if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const [m0 = 0, m1 = 0] = speeds;
        return [motors.write('tx', [0x01, 0x00, 0x00, m0, m1, 0x00], true)];
      },
    };
  },
};
