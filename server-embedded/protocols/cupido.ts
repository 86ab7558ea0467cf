import { unhandled, write, type Protocol } from './types.js';

/** Cupido: `B0 03 00 00 00 <speed> AA`. (Battery comes over `rx` notifications; not wired, as in the reference.) */
export const cupido: Protocol = {
  name: 'cupido',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', [0xb0, 0x03, 0x00, 0x00, 0x00, cmd.value, 0xaa])]
        : unhandled(cmd.type),
  }),
};
