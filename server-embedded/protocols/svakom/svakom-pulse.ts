import { unhandled, write, type Protocol } from '../types.js';

/** Svakom Pulse family: `55 03 03 00 <on> <speed + 1>` (the toy counts levels from 1). */
export const svakomPulse: Protocol = {
  name: 'svakom-pulse',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x55, 0x03, 0x03, 0x00, cmd.value === 0 ? 0x00 : 0x01, (cmd.value + 1) & 0xff])]
        : unhandled(cmd.type),
  }),
};
