import { unhandled, write, type Protocol } from './types.js';

/** Xiuxiuda: `00 00 00 00 65 3A 30 <speed> 64`. */
export const xiuxiuda: Protocol = {
  name: 'xiuxiuda',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x00, 0x00, 0x00, 0x00, 0x65, 0x3a, 0x30, cmd.value & 0xff, 0x64])]
        : unhandled(cmd.type),
  }),
};
