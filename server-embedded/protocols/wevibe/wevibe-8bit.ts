import { unhandled, type Protocol } from '../types.js';
import { WEVIBE_OFF, weVibeMotors } from './wevibe-motors.js';

/**
 * WeVibe 8-bit: `0F 03 00 <ext + 3> <int + 3> <running mask> 00 00`, mask bit 0 internal, bit 1
 * external. Written with response.
 */
export const wevibe8bit: Protocol = {
  name: 'wevibe-8bit',
  create: ({ device }) => {
    const motors = weVibeMotors(device);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const [int, ext] = motors.set(cmd.featureIndex, cmd.value);
        if (int === 0 && ext === 0) return [motors.write(WEVIBE_OFF)];
        const mask = (ext === 0 ? 0 : 2) | (int === 0 ? 0 : 1);
        return [motors.write([0x0f, 0x03, 0x00, (ext + 3) & 0xff, (int + 3) & 0xff, mask, 0x00, 0x00])];
      },
    };
  },
};
