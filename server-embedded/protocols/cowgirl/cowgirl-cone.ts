import { unhandled, write, type Protocol } from '../types.js';
import { sleep } from '../support/notification-inbox.js';

/** How long the Cone needs after its wake-up frame before it takes commands. */
const SETTLE_MS = 3000;

/** The Cowgirl Cone: wake-up frame `AA 56 00 00`, a 3 s pause, then `F1 01 <speed> 00`. */
export const cowgirlCone: Protocol = {
  name: 'cowgirl-cone',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0xaa, 0x56, 0x00, 0x00), false);
    await sleep(SETTLE_MS);
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate' ? [write('tx', [0xf1, 0x01, cmd.value, 0x00])] : unhandled(cmd.type),
    };
  },
};
