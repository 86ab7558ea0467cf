import { unhandled, write, type Protocol } from './types.js';

/** Pink Punch: `0x09` then the speed (0–100), written with response. */
export const pinkPunch: Protocol = {
  name: 'pink_punch',
  create: () => ({
    output: (cmd) => (cmd.type === 'Vibrate' ? [write('tx', [0x09, cmd.value], true)] : unhandled(cmd.type)),
  }),
};
