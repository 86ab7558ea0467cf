import { unhandled, write, type Protocol } from '../types.js';

/** The Tay toys stop unless a command arrives at least this often. */
const KEEPALIVE_MS = 100;

/**
 * Sexverse v3 (Tay, Zeus): `A1 04 <speed> <feature index + 1>` with response, the last packet
 * repeated every 100 ms. The packet addresses a motor by number, not by kind, so the Zeus's
 * oscillator (feature 1) is driven with the same frame; rotation sends its magnitude.
 */
export const sexverseV3: Protocol = {
  name: 'sexverse-v3',
  create: () => ({
    keepalive: { intervalMs: KEEPALIVE_MS },
    output: (cmd) =>
      cmd.type === 'Vibrate' || cmd.type === 'Rotate' || cmd.type === 'Oscillate'
        ? [write('tx', [0xa1, 0x04, Math.abs(cmd.value), cmd.featureIndex + 1], true)]
        : unhandled(cmd.type),
  }),
};
