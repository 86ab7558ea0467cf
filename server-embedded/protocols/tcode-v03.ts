import { ascii, unhandled, write, type Protocol } from './types.js';

/** Whole, non-negative device units as TCode digits, at least `width` wide (`7` → `007`). */
const digits = (value: number, width: number): string =>
  String(Math.max(0, Math.trunc(value))).padStart(width, '0');

/**
 * TCode v0.3 (OSR2/SR6 and other serial strokers), one ASCII line per command on `tx`:
 * - HwPositionWithDuration: `L<feature><position, 2+ digits>I<duration ms>\n` (the reference
 *   device test: 51 of [0,100] in 200 ms is `L051I200`)
 * - Position: `L0<position>\nR0<position>\n` (linear and roll axes together)
 * - Vibrate: `V<feature><speed, 2+ digits>\n`
 */
export const tcodeV03: Protocol = {
  name: 'tcode-v03',
  create: () => ({
    output: (cmd) => {
      switch (cmd.type) {
        case 'HwPositionWithDuration':
          return [
            write(
              'tx',
              ascii(`L${cmd.featureIndex}${digits(cmd.value, 2)}I${Math.trunc(cmd.duration ?? 0)}\n`),
            ),
          ];
        case 'Position': {
          const p = digits(cmd.value, 3);
          return [write('tx', ascii(`L0${p}\nR0${p}\n`))];
        }
        case 'Vibrate':
          return [write('tx', ascii(`V${cmd.featureIndex}${digits(cmd.value, 2)}\n`))];
        default:
          return unhandled(cmd.type);
      }
    },
  }),
};
