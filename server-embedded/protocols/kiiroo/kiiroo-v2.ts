import { launchSpeed, saturatingByte } from '../../../sdk/protocol/launch-speed.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Highest position and speed byte the Launch / Onyx 2 accept. */
const MAX = 99;

/**
 * Kiiroo v2 (Fleshlight Launch, Kiiroo Onyx 2): on connect one `0x00` byte is written, with
 * response, to the firmware endpoint to enter command mode; each move is then two bytes on tx,
 * `[position, speed]`, both 0–99. The toy takes a speed, not a duration, so the speed is worked
 * out from the distance to the previous position (see launch-speed.ts). As in the reference, the
 * speed byte saturates at 255 rather than the toy's 99 (e.g. a zero-length duration).
 */
export const kiirooV2: Protocol = {
  name: 'kiiroo-v2',
  async create({ hardware }) {
    await hardware.write('firmware', Uint8Array.of(0x00), true);
    let previous = 0;
    return {
      output(cmd) {
        if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
        const position = Math.min(MAX, Math.max(0, Math.round(cmd.value)));
        const distance = Math.abs(previous - position) / MAX;
        const speed = saturatingByte(launchSpeed(distance, cmd.duration ?? 0) * MAX);
        previous = position;
        return [write('tx', [position, speed])];
      },
    };
  },
};
