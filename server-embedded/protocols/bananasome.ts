import { unhandled, write, type Protocol } from './types.js';

/** Bananasome (Rocket X7): all three motors in one frame, `A0 03 <m0> <m1> <m2>`. */
export const bananasome: Protocol = {
  name: 'bananasome',
  create: () => {
    const levels = [0, 0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' && cmd.type !== 'Oscillate') return unhandled(cmd.type);
        if (cmd.featureIndex > 2) return unhandled(`feature ${cmd.featureIndex}`);
        levels[cmd.featureIndex] = cmd.value;
        return [write('tx', [0xa0, 0x03, ...levels])];
      },
    };
  },
};
