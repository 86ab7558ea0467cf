import { unhandled, type Protocol } from '../types.js';
import { WEVIBE_OFF, weVibeMotors } from './wevibe-motors.js';

/**
 * WeVibe Chorus family: like the 8-bit protocol but unshifted and with the motors the other way
 * round: `0F 03 00 <int> <ext> <running mask> 00 00`. Written with response.
 */
export const wevibeChorus: Protocol = {
  name: 'wevibe-chorus',
  create: ({ device }) => {
    const motors = weVibeMotors(device);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const [int, ext] = motors.set(cmd.featureIndex, cmd.value);
        if (int === 0 && ext === 0) return [motors.write(WEVIBE_OFF)];
        const mask = (ext === 0 ? 0 : 2) | (int === 0 ? 0 : 1);
        return [motors.write([0x0f, 0x03, 0x00, int, ext, mask, 0x00, 0x00])];
      },
    };
  },
};
