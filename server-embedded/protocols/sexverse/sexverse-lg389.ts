import { unhandled, write, type Protocol } from '../types.js';

/**
 * Sexverse LG389: one packet holds vibrator and oscillator, written with response:
 * `AA 05 <vibe> 14 <anchor> 00 <range> 00 <osc> 00`. While oscillating it strokes the full
 * range (4) anchored at the base (1); both are 0 when the oscillator is off.
 */
export const sexverseLg389: Protocol = {
  name: 'sexverse-lg389',
  create: () => {
    let vibe = 0;
    let osc = 0;
    return {
      output: (cmd) => {
        if (cmd.type === 'Vibrate') vibe = cmd.value;
        else if (cmd.type === 'Oscillate') osc = cmd.value;
        else return unhandled(cmd.type);
        const moving = osc !== 0;
        const packet = [0xaa, 0x05, vibe, 0x14, moving ? 1 : 0, 0x00, moving ? 4 : 0, 0x00, osc, 0x00];
        return [write('tx', packet, true, ['sexverse-lg389'])];
      },
    };
  },
};
