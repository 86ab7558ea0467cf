import { unhandled, write, type Protocol } from './types.js';

/** The toy stops unless it hears from us at least this often. */
const KEEPALIVE_MS = 1000;

/**
 * Leten (F520, F537, T528): an acknowledged `04 01` at start-up, then `02 <speed>` (0–25),
 * acknowledged, repeated every second while nothing else is sent.
 */
export const leten: Protocol = {
  name: 'leten',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0x04, 0x01), true);
    return {
      keepalive: { intervalMs: KEEPALIVE_MS },
      output: (cmd) =>
        cmd.type === 'Vibrate' ? [write('tx', [0x02, cmd.value], true)] : unhandled(cmd.type),
    };
  },
};
