import { singleMotorFrame } from './magic-motion-packets.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Magic Motion, third generation (LoveLife Krush): the first-generation frame with other tag bytes. */
export const magicMotion3: Protocol = {
  name: 'magic-motion-3',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', singleMotorFrame(0x46, cmd.value))] : unhandled(cmd.type),
  }),
};
