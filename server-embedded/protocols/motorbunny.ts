import { unhandled, write, type Protocol } from './types.js';

/** Sum of bytes, wrapping at 8 bits. */
const sum8 = (bytes: number[]) => bytes.reduce((s, b) => (s + b) & 0xff, 0);

/** A running-motor frame: header, a two-byte pair seven times, its checksum, terminator. */
const frame = (header: number, pair: [number, number]): number[] => {
  const body = Array.from({ length: 7 }, () => pair).flat();
  return [header, ...body, sum8(body), 0xec];
};

/**
 * Motorbunny: vibration frames start `ff` (pairs of speed and 0x14), rotation frames `af`
 * (pairs of direction 0x2a clockwise / 0x29 counter-clockwise and speed). Zero has its own
 * short stop frame for each.
 */
export const motorbunny: Protocol = {
  name: 'motorbunny',
  create: () => ({
    output: (cmd) => {
      if (cmd.type === 'Vibrate')
        return [
          write(
            'tx',
            cmd.value === 0 ? [0xf0, 0x00, 0x00, 0x00, 0x00, 0xec] : frame(0xff, [cmd.value & 0xff, 0x14]),
          ),
        ];
      if (cmd.type === 'Rotate')
        return [
          write(
            'tx',
            cmd.value === 0
              ? [0xa0, 0x00, 0x00, 0x00, 0x00, 0xec]
              : frame(0xaf, [cmd.value > 0 ? 0x2a : 0x29, Math.abs(cmd.value) & 0xff]),
          ),
        ];
      return unhandled(cmd.type);
    },
  }),
};
