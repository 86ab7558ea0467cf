import { unhandled, write, type Protocol } from './types.js';

/** Omobo (ViVegg): a fixed 7-byte frame with the speed (0–100) at byte 4, written with response. */
export const omobo: Protocol = {
  name: 'omobo',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0xa1, 0x04, 0x04, 0x01, cmd.value, 0xff, 0x55], true)]
        : unhandled(cmd.type),
  }),
};
