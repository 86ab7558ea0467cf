import { tryfunChecksum } from './tryfun-checksum.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * TryFun Meta 2: `<packet id> 02 00 05 21 05 <kind> <value> <sum>` with kind 0B oscillate,
 * 08 vibrate, 0E rotate. Rotation is a signed byte, mirrored and shifted by one: clockwise n →
 * −(n+1), counter-clockwise n → n (so a stop is FF).
 */
export const tryfunMeta2: Protocol = {
  name: 'tryfun-meta2',
  create: () => {
    let packetId = 0;
    const packet = (kind: number, value: number) => {
      const data = [packetId, 0x02, 0x00, 0x05, 0x21, 0x05, kind, value & 0xff];
      packetId = (packetId + 1) & 0xff;
      return [write('tx', [...data, tryfunChecksum(data, 1, 1)])];
    };
    return {
      output: (cmd) => {
        if (cmd.type === 'Oscillate') return packet(0x0b, cmd.value);
        if (cmd.type === 'Vibrate') return packet(0x08, cmd.value);
        if (cmd.type === 'Rotate') return packet(0x0e, cmd.value >= 0 ? -(cmd.value + 1) : -cmd.value);
        return unhandled(cmd.type);
      },
    };
  },
};
