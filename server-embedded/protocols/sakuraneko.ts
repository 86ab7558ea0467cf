import { unhandled, write, type Protocol } from './types.js';

/**
 * Sakuraneko: 12-byte frames; `A1` drives the vibrator, `A2` the rotator (the Koikoi). The motor
 * has no direction, so a counter-clockwise rotation runs at the same speed.
 */
const frame = (op: number, speed: number, tail: number) => [
  op,
  0x08,
  0x01,
  0x00,
  0x00,
  0x00,
  0x64,
  speed,
  0x00,
  tail,
  0xdf,
  0x55,
];

export const sakuraneko: Protocol = {
  name: 'sakuraneko',
  create: () => ({
    output: (cmd) => {
      if (cmd.type === 'Vibrate') return [write('tx', frame(0xa1, cmd.value, 0x64))];
      if (cmd.type === 'Rotate') return [write('tx', frame(0xa2, Math.abs(cmd.value), 0x32))];
      return unhandled(cmd.type);
    },
  }),
};
