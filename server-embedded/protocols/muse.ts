import { unhandled, write, type Protocol } from './types.js';

/** The toy runs a speed for about a second; restate it well before that. */
const RESTATE_MS = 500;

/**
 * Mu Se / Love Spouse OEM vibrators (Dream Lover Archer 2, Galaku Panty Vib): two bytes on tx.
 * `<speed> <non-zero>` runs a speed (1–9) for about a second, `00 xx` stops, `<n> 00` would
 * pick a built-in pattern (unused). Facts from the public protocol notes (STPIHKAL issue 65).
 */
export const muse: Protocol = {
  name: 'muse',
  create: () => {
    let speed = 0;
    const packet = () => write('tx', [speed, speed === 0 ? 0x00 : 0x01]);
    return {
      output(cmd) {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speed = cmd.value;
        return [packet()];
      },
      // Only a running speed needs restating; at rest nothing is sent.
      keepalive: { intervalMs: RESTATE_MS, packet: () => (speed === 0 ? undefined : packet()) },
    };
  },
};
