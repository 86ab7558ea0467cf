import { unhandled, write, type Protocol } from '../types.js';

/** Svakom first generation: `55 04 03 00 <on> <speed>`. */
export const svakomV1: Protocol = {
  name: 'svakom-v1',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x55, 0x04, 0x03, 0x00, cmd.value === 0 ? 0x00 : 0x01, cmd.value & 0xff])]
        : unhandled(cmd.type),
  }),
};
