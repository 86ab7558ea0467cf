import { unhandled, type Protocol } from '../types.js';
import { WEVIBE_OFF, weVibeMotors } from './wevibe-motors.js';

/**
 * WeVibe (4-bit): both motors in one byte, internal in the high nibble, external in the low:
 * `0F 03 00 <int<<4 | ext> 00 03 00 00`. At connect the toy gets a short buzz `… 99 …` and an off
 * packet. Everything is written with response.
 */
export const wevibe: Protocol = {
  name: 'wevibe',
  create: async ({ hardware, device }) => {
    await hardware.write('tx', Uint8Array.from([0x0f, 0x03, 0x00, 0x99, 0x00, 0x03, 0x00, 0x00]), true);
    await hardware.write('tx', Uint8Array.from(WEVIBE_OFF), true);
    const motors = weVibeMotors(device);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const [int, ext] = motors.set(cmd.featureIndex, cmd.value);
        const data =
          int === 0 && ext === 0
            ? WEVIBE_OFF
            : [0x0f, 0x03, 0x00, (ext | (int << 4)) & 0xff, 0x00, 0x03, 0x00, 0x00];
        return [motors.write(data)];
      },
    };
  },
};
