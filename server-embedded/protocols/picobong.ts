import { unhandled, write, type Protocol } from './types.js';

/** Picobong: `01 <mode> <speed>`; mode 0x01 runs at the speed (0–10), 0xFF switches the motor off. */
export const picobong: Protocol = {
  name: 'picobong',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x01, cmd.value === 0 ? 0xff : 0x01, cmd.value])]
        : unhandled(cmd.type),
  }),
};
