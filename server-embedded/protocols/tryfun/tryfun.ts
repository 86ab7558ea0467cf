import { tryfunChecksum } from './tryfun-checksum.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * TryFun Yuan series: oscillation `AA 02 07 <speed> <sum>`, rotation `AA 02 08 <speed> <sum>`.
 * The Surge Pro vibrates with `00 02 00 05 <on> <speed> 01 <off> <0xFD - max(speed, 1)>`.
 * Everything is written with response.
 */
export const tryfun: Protocol = {
  name: 'tryfun',
  create: () => ({
    output: (cmd) => {
      const v = cmd.value & 0xff;
      if (cmd.type === 'Oscillate' || cmd.type === 'Rotate') {
        const data = [0xaa, 0x02, cmd.type === 'Oscillate' ? 0x07 : 0x08, v];
        return [write('tx', [...data, tryfunChecksum(data, 1, 0)], true)];
      }
      if (cmd.type === 'Vibrate') {
        const off = v === 0;
        return [
          write(
            'tx',
            [
              0x00,
              0x02,
              0x00,
              0x05,
              off ? 1 : 2,
              off ? 2 : v,
              0x01,
              off ? 1 : 0,
              (0xfd - Math.max(v, 1)) & 0xff,
            ],
            true,
          ),
        ];
      }
      return unhandled(cmd.type);
    },
  }),
};
