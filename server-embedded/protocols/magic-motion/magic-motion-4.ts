import { twoMotorFrame } from './magic-motion-packets.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Both slots travel in every frame: a newer frame replaces one still waiting out the message gap. */
const FRAME_IDS = ['magic-motion-4/frame'];

/**
 * Magic Motion, fourth generation: the two-slot frame, written with response. One-motor toys get
 * their speed in both slots; two-motor toys keep each motor's last speed.
 */
export const magicMotion4: Protocol = {
  name: 'magic-motion-4',
  create: ({ device }) => {
    const motors = device.features.filter((f) => f.outputs.length > 0).length;
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (motors === 1) return [write('tx', twoMotorFrame(0x32, cmd.value, cmd.value), true, FRAME_IDS)];
        if (cmd.featureIndex > 1) return unhandled(`Vibrate on feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        return [write('tx', twoMotorFrame(0x32, speeds[0]!, speeds[1]!), true, FRAME_IDS)];
      },
    };
  },
};
