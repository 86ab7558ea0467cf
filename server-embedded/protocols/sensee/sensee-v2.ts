import type { OutputType } from '../../../sdk/protocol/index.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/** Reading the device's status frame may take this long before the handshake fails. */
const STATUS_READ_TIMEOUT_MS = 500;
/** Device type used when the status frame does not name one. */
const DEFAULT_DEVICE_TYPE = 0x65;
/** Motor groups in packet order, with their group code. */
const GROUPS: [OutputType, number][] = [
  ['Vibrate', 0],
  ['Oscillate', 1],
  ['Constrict', 2],
];

/**
 * Sensee v2 (Capsule, Astronaut, Easylive …): the device type is byte 6 of a status frame read
 * from `tx`. Every write carries the whole device state: for each motor group present
 * (vibrate, thrust, suck) its code, its motor count and per motor a 1-based number and level,
 * inside `55 AA F0 02 00 <len> <type> F1 … 00 00`.
 */
export const senseeV2: Protocol = {
  name: 'sensee-v2',
  create: async (ctx) => {
    const status = await ctx.hardware.read('tx', 128, STATUS_READ_TIMEOUT_MS);
    const deviceType = status.length > 6 && status[6] !== 0 ? status[6]! : DEFAULT_DEVICE_TYPE;
    ctx.log('debug', `device type 0x${deviceType.toString(16)}`);
    // One slot per (group, feature), keyed `<type>/<feature>`, in packet order.
    const groups = GROUPS.map(([type, code]) => ({
      type,
      code,
      features: ctx.device.features.filter((f) => f.outputs.some((o) => o.type === type)).map((f) => f.index),
    })).filter((g) => g.features.length > 0);
    const motors = new AllMotors(
      'sensee-v2',
      groups.flatMap((g) => g.features.map((i) => `${g.type}/${i}`)),
    );
    return {
      output: (cmd) => {
        const levels =
          motors.set(`${cmd.type}/${cmd.featureIndex}`, cmd.value) ??
          unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const body = [groups.length];
        let slot = 0;
        for (const g of groups) {
          body.push(g.code, g.features.length);
          g.features.forEach((_, i) => body.push(i + 1, levels[slot++]!));
        }
        const packet = [0x55, 0xaa, 0xf0, 0x02, 0x00, 4 + body.length, deviceType, 0xf1, ...body, 0x00, 0x00];
        return [motors.write('tx', packet)];
      },
    };
  },
};
