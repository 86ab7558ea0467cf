import { unhandled, write, type Protocol } from '../types.js';

/** Both motors travel in one packet, so every write replaces any still-queued one. */
const PACKET = 'kiiroo-powershot';

/**
 * Kiiroo PowerShot: two motors in one acknowledged packet `01 00 00 <m0> <m1> 00` (0–100 each);
 * the handler remembers the other motor's speed. Battery is the standard BLE battery service.
 */
export const kiirooPowershot: Protocol = {
  name: 'kiiroo-powershot',
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' || cmd.featureIndex > 1)
          return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        return [write('tx', [0x01, 0x00, 0x00, speeds[0]!, speeds[1]!, 0x00], true, [PACKET])];
      },
    };
  },
};
