import { unhandled, write, type Protocol } from '../types.js';

/** Mizz Zee v2: `69 96 04 02 <speed> 2c <speed>`. */
export const mizzzeeV2: Protocol = {
  name: 'mizzzee-v2',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x69, 0x96, 0x04, 0x02, cmd.value, 0x2c, cmd.value])]
        : unhandled(cmd.type),
  }),
};
