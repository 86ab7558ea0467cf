import { unhandled, write, type Protocol } from './types.js';

/** Realov: the speed (0–50) framed as `C5 55 <speed> AA`. */
export const realov: Protocol = {
  name: 'realov',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0xc5, 0x55, cmd.value, 0xaa])] : unhandled(cmd.type),
  }),
};
