import { unhandled, write, type Protocol } from './types.js';

/**
 * The ServeU's speed byte for covering `distance` position units in `durationMs`: the needed
 * rate (units/s, rounded up) is mapped piecewise onto 0–250; 0 when it need not move.
 */
export function serveuSpeed(distance: number, durationMs: number): number {
  const rate = Math.ceil(distance / (durationMs / 1000));
  if (rate <= 0.00001) return 0;
  if (rate <= 50) return Math.ceil(rate / 2);
  if (rate <= 750) return Math.ceil((rate - 50) / 4) + 25;
  if (rate <= 2000) return Math.ceil((rate - 750) / 25) + 200;
  return 0xfa; // also covers a zero duration (infinite rate)
}

/** ServeU stroker: `01 <position 0–100> <speed>`; the speed comes from the last position sent. */
export const serveu: Protocol = {
  name: 'serveu',
  create: () => {
    let last = 0;
    return {
      output: (cmd) => {
        if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
        const speed = serveuSpeed(Math.abs(cmd.value - last), cmd.duration ?? 0);
        last = cmd.value;
        return [write('tx', [0x01, cmd.value, speed])];
      },
    };
  },
};
