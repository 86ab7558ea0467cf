import { ascii, unhandled, write, type Protocol } from './types.js';

/** Youcups: the text command `$SYS,<speed>?`. */
export const youcups: Protocol = {
  name: 'youcups',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', ascii(`$SYS,${cmd.value & 0xff}?`))] : unhandled(cmd.type),
  }),
};
