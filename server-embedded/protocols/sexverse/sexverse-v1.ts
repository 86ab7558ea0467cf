import type { OutputType } from '../../../sdk/protocol/index.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Motor kind codes in the Sexverse v1 packet. */
const kindCode = (type: OutputType): number =>
  type === 'Rotate' ? 0x06 : type === 'Constrict' || type === 'Oscillate' ? 0x04 : 0x03;

/**
 * Sexverse v1 (Rex, Cali, Olis …): every write carries all motors:
 * `23 07 <3 × motors>`, then per motor `80|n` (1-based), its kind code and its speed, then the
 * XOR of all previous bytes. Rotation has no direction here, so its magnitude is sent.
 */
export const sexverseV1: Protocol = {
  name: 'sexverse-v1',
  create: (ctx) => {
    const motors = ctx.device.features.flatMap((f) =>
      f.outputs.map((o) => ({ key: `${f.index}/${o.type}`, code: kindCode(o.type), speed: 0 })),
    );
    return {
      output: (cmd) => {
        const motor = motors.find((m) => m.key === `${cmd.featureIndex}/${cmd.type}`);
        if (!motor) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        motor.speed = Math.abs(cmd.value);
        const packet = [0x23, 0x07, motors.length * 3];
        motors.forEach((m, i) => packet.push(0x80 | (i + 1), m.code, m.speed));
        packet.push(packet.reduce((x, b) => x ^ b, 0));
        return [write('tx', packet, false, ['sexverse-v1'])];
      },
    };
  },
};
