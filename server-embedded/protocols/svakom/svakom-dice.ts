import { unhandled, write, type Protocol } from '../types.js';

/** Svakom/Zemalia Dice: one vibration packet `55 04 00 00 01 <speed> AA` on tx. */
export const svakomDice: Protocol = {
  name: 'svakom-dice',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x55, 0x04, 0x00, 0x00, 0x01, cmd.value & 0xff, 0xaa])]
        : unhandled(cmd.type),
  }),
};
