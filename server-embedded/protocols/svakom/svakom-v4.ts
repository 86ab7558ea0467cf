import { svakomDualMotorPacket } from './svakom-dual-motor.js';
import { unhandled, type Protocol } from '../types.js';

/** Svakom fourth generation: both vibrators in one packet `55 03 <select> 00 <on> <speed> 00`. */
export const svakomV4: Protocol = {
  name: 'svakom-v4',
  create: ({ device }) => {
    const vibrators = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (cmd.featureIndex < 2) speeds[cmd.featureIndex] = cmd.value & 0xff;
        const [a, b] = speeds as [number, number];
        return [svakomDualMotorPacket(a, b, { singleMotor: vibrators === 1, trailingZero: true })];
      },
    };
  },
};
