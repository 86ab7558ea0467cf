import { svakomDualMotorPacket, svakomVibrators } from './svakom-dual-motor.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom fifth generation: both vibrators in one packet `55 03 <select> 00 <on> <speed>`;
 * oscillation is `55 09 00 00 <speed> 00`.
 */
export const svakomV5: Protocol = {
  name: 'svakom-v5',
  create: () => {
    const motors = svakomVibrators();
    return {
      output: (cmd) => {
        if (cmd.type === 'Oscillate') return [write('tx', [0x55, 0x09, 0x00, 0x00, cmd.value & 0xff, 0x00])];
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const speeds = motors.set(cmd.featureIndex, cmd.value & 0xff) ?? motors.latest();
        return [
          motors.write('tx', svakomDualMotorPacket(speeds, { singleMotor: false, trailingZero: false })),
        ];
      },
    };
  },
};
