import { singleMotorFrame } from './magic-motion-packets.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Magic Motion, first generation: one motor (vibrating or oscillating) in a 12-byte frame. */
export const magicMotion1: Protocol = {
  name: 'magic-motion-1',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' || cmd.type === 'Oscillate'
        ? [write('tx', singleMotorFrame(0x32, cmd.value))]
        : unhandled(cmd.type),
  }),
};
