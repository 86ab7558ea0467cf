import { ascii, unhandled, write, type Protocol } from './types.js';

/** Next Level Racing haptic pad (serial): `M<motor><speed>\r`, motors numbered from 0. */
export const nextlevelracing: Protocol = {
  name: 'nextlevelracing',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('tx', ascii(`M${cmd.featureIndex}${cmd.value}\r`))]
        : unhandled(cmd.type),
  }),
};
