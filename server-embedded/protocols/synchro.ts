import { unhandled, write, type Protocol } from './types.js';

/** Synchro: `A1 01 <speed | 0x80 when counter-clockwise> 77 55`. */
export const synchro: Protocol = {
  name: 'synchro',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Rotate'
        ? [
            write('tx', [
              0xa1,
              0x01,
              (Math.abs(cmd.value) & 0x7f) | (cmd.value < 0 ? 0x80 : 0x00),
              0x77,
              0x55,
            ]),
          ]
        : unhandled(cmd.type),
  }),
};
