import { unhandled, write, type Protocol } from './types.js';

/** Fleshy Thrust Sync: `<position> <duration hi> <duration lo>` (duration in ms, 16 bits). */
export const fleshyThrust: Protocol = {
  name: 'fleshy-thrust',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
      const duration = cmd.duration ?? 0;
      return [write('tx', [cmd.value, (duration >> 8) & 0xff, duration & 0xff])];
    },
  }),
};
