import { unhandled, write, type Protocol } from '../types.js';

/** Sexverse v5 (Heart): `AA 03 03 <speed> 00 00 00` (speed 0–100). */
export const sexverseV5: Protocol = {
  name: 'sexverse-v5',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0xaa, 0x03, 0x03, cmd.value, 0x00, 0x00, 0x00])]
        : unhandled(cmd.type),
  }),
};
