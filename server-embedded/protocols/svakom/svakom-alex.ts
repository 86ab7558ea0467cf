import { unhandled, write, type Protocol } from '../types.js';

/** Svakom Alex Neo: `12 01 03 00 <level> 00` with level 1–3; 0xFF (not 0) switches it off. */
export const svakomAlex: Protocol = {
  name: 'svakom-alex',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x12, 0x01, 0x03, 0x00, cmd.value === 0 ? 0xff : cmd.value, 0x00])]
        : unhandled(cmd.type),
  }),
};
