import { unhandled, write, type Protocol } from '../types.js';

/** Sexverse v4 (G1, Knights, Vkini): `BB 01 <speed> 66` (speed 0–99), written with response. */
export const sexverseV4: Protocol = {
  name: 'sexverse-v4',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0xbb, 0x01, cmd.value, 0x66], true)] : unhandled(cmd.type),
  }),
};
