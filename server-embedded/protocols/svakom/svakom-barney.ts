import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * Svakom Barney (Mutufun): one packet for both vibrators, `55 03 <which> 00 <on> <speed> 00`.
 * Only one speed exists: the higher of the two. `which` is 0 for both (or a one-motor model, or
 * equal speeds), 1 or 2 when only that motor runs; `on` is 3 unless both are off.
 */
export const svakomBarney: Protocol = {
  name: 'svakom-barney',
  create: (ctx) => {
    const vibrators = ctx.device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
    const motors = new AllMotors('svakom-barney', firstFeatures(2));
    return {
      output: (cmd) => {
        const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
        if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const [a = 0, b = 0] = speeds;
        const which = vibrators === 1 || (a > 0 && b > 0) || a === b ? 0x00 : a > 0 ? 0x01 : 0x02;
        const on = a === 0 && b === 0 ? 0x00 : 0x03;
        return [motors.write('tx', [0x55, 0x03, which, 0x00, on, Math.max(a, b), 0x00])];
      },
    };
  },
};
