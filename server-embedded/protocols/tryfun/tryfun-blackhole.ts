import { tryfunChecksum } from './tryfun-checksum.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * TryFun Black Hole / Rock: `<packet id> 02 00 03 <0C oscillate | 09 vibrate> <speed> <sum>`;
 * the id counts up per packet (mod 256).
 */
export const tryfunBlackhole: Protocol = {
  name: 'tryfun-blackhole',
  create: () => {
    let packetId = 0;
    return {
      output: (cmd) => {
        const kind = cmd.type === 'Oscillate' ? 0x0c : cmd.type === 'Vibrate' ? 0x09 : unhandled(cmd.type);
        const data = [packetId, 0x02, 0x00, 0x03, kind, cmd.value & 0xff];
        packetId = (packetId + 1) & 0xff;
        return [write('tx', [...data, tryfunChecksum(data, 1, 1)])];
      },
    };
  },
};
