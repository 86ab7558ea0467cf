import type { OutputType } from '../../../sdk/protocol/index.js';
import { unhandled, write, type Protocol } from '../types.js';

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
    const groups = GROUPS.map(([type, code]) => ({
      type,
      code,
      levels: new Map(
        ctx.device.features.filter((f) => f.outputs.some((o) => o.type === type)).map((f) => [f.index, 0]),
      ),
    })).filter((g) => g.levels.size > 0);
    return {
      output: (cmd) => {
        const group = groups.find((g) => g.type === cmd.type && g.levels.has(cmd.featureIndex));
        if (!group) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        group.levels.set(cmd.featureIndex, cmd.value);
        const body = [groups.length];
        for (const g of groups) {
          body.push(g.code, g.levels.size);
          [...g.levels.values()].forEach((level, i) => body.push(i + 1, level));
        }
        const packet = [0x55, 0xaa, 0xf0, 0x02, 0x00, 4 + body.length, deviceType, 0xf1, ...body, 0x00, 0x00];
        return [write('tx', packet, false, ['sensee-v2'])];
      },
    };
  },
};
