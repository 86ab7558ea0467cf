import { unhandled, write, type Protocol } from '../types.js';

/** The toy stops unless it hears from us at least this often. */
export const MIZZZEE_V3_REPEAT_MS = 200;

const f32 = Math.fround;

/**
 * The 20-byte Mizz Zee v3 packet for a speed 0–1000. A running motor needs at least 30 % power,
 * so speeds map onto 30–100 % of a 10-bit level; the level sits in bits 6–15 (low bits 60) and
 * goes out twice, little-endian. The arithmetic is single-precision, like the firmware's app.
 */
export function mizzzeeV3Packet(speed: number): number[] {
  if (speed === 0) return [0x03, 0x12, ...new Array<number>(18).fill(0)];
  const share = f32(speed / 1000);
  const level = Math.trunc(f32(f32(f32(share * f32(0.7)) + f32(0.3)) * 1023));
  const word = ((level << 6) | 60) & 0xffff;
  const lo = word & 0xff;
  const hi = word >> 8;
  const fill = [0x00, 0xfc, 0x00, 0xfe, 0x40, 0x01];
  return [0x03, 0x12, 0xf3, ...fill, lo, hi, ...fill, lo, hi, 0x00];
}

/** Mizz Zee v3: level packets written with response and repeated every 200 ms. */
export const mizzzeeV3: Protocol = {
  name: 'mizzzee-v3',
  create: () => ({
    keepalive: { intervalMs: MIZZZEE_V3_REPEAT_MS },
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', mizzzeeV3Packet(cmd.value), true)] : unhandled(cmd.type),
  }),
};
