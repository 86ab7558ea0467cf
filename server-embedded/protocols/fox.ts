import { unhandled, write, type Protocol } from './types.js';

/** Fox: `03 01 01 FE <speed>`. */
export const fox: Protocol = {
  name: 'fox',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0x03, 0x01, 0x01, 0xfe, cmd.value])] : unhandled(cmd.type),
  }),
};
