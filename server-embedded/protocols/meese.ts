import { unhandled, write, type Protocol } from './types.js';

/** Meese: `01 80 <motor number> <speed>` per motor (numbered from 1), with response. */
export const meese: Protocol = {
  name: 'meese',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0x01, 0x80, 0x01 + cmd.featureIndex, cmd.value], true)]
        : unhandled(cmd.type),
  }),
};
