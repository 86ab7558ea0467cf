import { svakomDualMotorPacket, svakomVibrators } from './svakom-dual-motor.js';
import { unhandled, type Protocol } from '../types.js';

/** Svakom fourth generation: both vibrators in one packet `55 03 <select> 00 <on> <speed> 00`. */
export const svakomV4: Protocol = {
  name: 'svakom-v4',
  create: ({ device }) => {
    const vibrators = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
    const motors = svakomVibrators();
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        // A vibrator beyond the two restates the packet unchanged.
        const speeds = motors.set(cmd.featureIndex, cmd.value & 0xff) ?? motors.latest();
        return [
          motors.write(
            'tx',
            svakomDualMotorPacket(speeds, { singleMotor: vibrators === 1, trailingZero: true }),
          ),
        ];
      },
    };
  },
};
