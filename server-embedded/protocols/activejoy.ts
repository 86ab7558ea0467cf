import { unhandled, write, type Protocol } from './types.js';

/**
 * ActiveJoy (IntoYou remote egg): `B0 <mode> <strong> <motor> <on> <speed>`, mode 1 = vibrate.
 * The motor byte is the feature index (0 unless the toy has a second vibrator).
 */
export const activejoy: Protocol = {
  name: 'activejoy',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0xb0, 0x01, 0x00, cmd.featureIndex, cmd.value === 0 ? 0 : 1, cmd.value])]
        : unhandled(cmd.type),
  }),
};
