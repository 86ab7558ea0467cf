import { svakomDualMotorPacket, svakomVibrators } from './svakom-dual-motor.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom sixth generation: the first two vibrators share one packet
 * `55 03 <select> 00 <on> <speed> 00`; a third one (Iker Neo) has its own `55 07 00 00 <on> <speed> 00`.
 */
export const svakomV6: Protocol = {
  name: 'svakom-v6',
  create: ({ device }) => {
    const vibrators = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
    const motors = svakomVibrators();
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const v = cmd.value & 0xff;
        if (cmd.featureIndex >= 2)
          return [write('tx', [0x55, 0x07, 0x00, 0x00, v === 0 ? 0x00 : 0x01, v, 0x00])];
        const speeds = motors.set(cmd.featureIndex, v) ?? motors.latest();
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
