import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom Barnard (Fantasy Cup): vibrator `55 03 00 00 <speed> <01 or 00>`, oscillator
 * `55 08 00 00 <speed> <FF or 00>`; the last byte is 0 exactly when the speed is 0.
 */
export const svakomBarnard: Protocol = {
  name: 'svakom-barnard',
  create: () => ({
    output: (cmd) => {
      const on = cmd.value !== 0;
      if (cmd.type === 'Vibrate') return [write('tx', [0x55, 0x03, 0x00, 0x00, cmd.value, on ? 0x01 : 0x00])];
      if (cmd.type === 'Oscillate')
        return [write('tx', [0x55, 0x08, 0x00, 0x00, cmd.value, on ? 0xff : 0x00])];
      return unhandled(cmd.type);
    },
  }),
};
