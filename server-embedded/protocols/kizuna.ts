import { ascii, unhandled, write, type Protocol } from './types.js';

/**
 * Kizuna Smart (serial): the rotation speed as one ASCII digit (0–9) and CRLF. The toy has no
 * direction control, so a counter-clockwise request runs at the same speed.
 */
export const kizuna: Protocol = {
  name: 'kizuna',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Rotate' ? [write('tx', ascii(`${Math.abs(cmd.value)}\r\n`))] : unhandled(cmd.type),
  }),
};
