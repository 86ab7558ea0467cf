import { unhandled, write, type Protocol } from '../types.js';

/** Sensee (Diandou Rabbit, first generation): a fixed 10-byte header, then the speed (0–100). */
const HEADER = [0x55, 0xaa, 0xf0, 0x01, 0x01, 0x0b, 0x65, 0xf7, 0x01, 0x01];

export const sensee: Protocol = {
  name: 'sensee',
  create: () => ({
    output: (cmd) => (cmd.type === 'Vibrate' ? [write('tx', [...HEADER, cmd.value])] : unhandled(cmd.type)),
  }),
};
