import { unhandled, write, type Protocol } from './types.js';

/** DeepSire (Kuirkish Imp): a fixed 7-byte frame `55 04 01 00 00 <speed> AA`. */
export const deepsire: Protocol = {
  name: 'deepsire',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x55, 0x04, 0x01, 0x00, 0x00, cmd.value, 0xaa])]
        : unhandled(cmd.type),
  }),
};
