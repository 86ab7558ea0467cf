import { unhandled, write, type Protocol } from '../types.js';

/** Mizz Zee (first version): `69 96 03 01 <on/off> <speed>`. */
export const mizzzee: Protocol = {
  name: 'mizzzee',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x69, 0x96, 0x03, 0x01, cmd.value === 0 ? 0x00 : 0x01, cmd.value])]
        : unhandled(cmd.type),
  }),
};
