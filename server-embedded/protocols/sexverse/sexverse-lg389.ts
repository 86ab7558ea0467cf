import type { OutputType } from '../../../sdk/protocol/index.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * Sexverse LG389: one packet holds vibrator and oscillator, written with response:
 * `AA 05 <vibe> 14 <anchor> 00 <range> 00 <osc> 00`. While oscillating it strokes the full
 * range (4) anchored at the base (1); both are 0 when the oscillator is off.
 */
export const sexverseLg389: Protocol = {
  name: 'sexverse-lg389',
  create: () => {
    const outputs = new AllMotors<OutputType>('sexverse-lg389', ['Vibrate', 'Oscillate']);
    return {
      output: (cmd) => {
        const [vibe = 0, osc = 0] = outputs.set(cmd.type, cmd.value) ?? unhandled(cmd.type);
        const moving = osc !== 0;
        const packet = [0xaa, 0x05, vibe, 0x14, moving ? 1 : 0, 0x00, moving ? 4 : 0, 0x00, osc, 0x00];
        return [outputs.write('tx', packet, true)];
      },
    };
  },
};
