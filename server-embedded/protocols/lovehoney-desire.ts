import { unhandled, write, type Protocol } from './types.js';

/** Ids of the two motor slots: a both-motors packet supersedes queued single-motor ones. */
const MOTOR_0 = 'lovehoney-desire/0';
const MOTOR_1 = 'lovehoney-desire/1';

/**
 * Lovehoney Desire: acknowledged `F3 <motor> <speed>` (0–127), where motor 0 means "all".
 * Single-motor toys always use 0; two-motor toys send one "all" packet when both speeds match,
 * otherwise a packet per motor (1 and 2).
 */
export const lovehoneyDesire: Protocol = {
  name: 'lovehoney-desire',
  create: ({ device }) => {
    const motors = device.features.filter((f) => f.outputs.length > 0).length;
    const speeds = new Array<number>(motors).fill(0);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' || cmd.featureIndex >= motors)
          return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        if (motors === 1) return [write('tx', [0xf3, 0x00, cmd.value], true)];
        speeds[cmd.featureIndex] = cmd.value;
        const [a, b] = speeds as [number, number];
        return a === b
          ? [write('tx', [0xf3, 0x00, a], true, [MOTOR_0, MOTOR_1])]
          : [write('tx', [0xf3, 0x01, a], true, [MOTOR_0]), write('tx', [0xf3, 0x02, b], true, [MOTOR_1])];
      },
    };
  },
};
