import { ascii, unhandled, write, type Protocol } from './types.js';

/** Adrien Lastic: text command `MotorValue:NN;` (two digits), written with response. */
export const adrienlastic: Protocol = {
  name: 'adrienlastic',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', ascii(`MotorValue:${String(cmd.value).padStart(2, '0')};`), true)]
        : unhandled(cmd.type),
  }),
};
