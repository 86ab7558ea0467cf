import type { OutputType } from '../../../sdk/protocol/index.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

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
    // One slot per output of every feature, keyed `<feature>/<type>`; its kind code rides along.
    const slots = ctx.device.features.flatMap((f) =>
      f.outputs.map((o) => ({ key: `${f.index}/${o.type}`, code: kindCode(o.type) })),
    );
    const motors = new AllMotors(
      'sexverse-v1',
      slots.map((s) => s.key),
    );
    return {
      output: (cmd) => {
        const speeds =
          motors.set(`${cmd.featureIndex}/${cmd.type}`, Math.abs(cmd.value)) ??
          unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const packet = [0x23, 0x07, slots.length * 3];
        slots.forEach((s, i) => packet.push(0x80 | (i + 1), s.code, speeds[i]!));
        packet.push(packet.reduce((x, b) => x ^ b, 0));
        return [motors.write('tx', packet)];
      },
    };
  },
};
