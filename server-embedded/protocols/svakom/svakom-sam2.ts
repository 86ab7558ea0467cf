import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom Sam Neo 2: vibration `55 03 00 00 <05|00> <speed> 00`, suction
 * `55 09 00 00 <01|00> <level> 00`, both written with response.
 */
export const svakomSam2: Protocol = {
  name: 'svakom-sam2',
  create: () => ({
    output: (cmd) => {
      const v = cmd.value & 0xff;
      if (cmd.type === 'Vibrate')
        return [write('tx', [0x55, 0x03, 0x00, 0x00, v === 0 ? 0x00 : 0x05, v, 0x00], true)];
      if (cmd.type === 'Constrict')
        return [write('tx', [0x55, 0x09, 0x00, 0x00, v === 0 ? 0x00 : 0x01, v, 0x00], true)];
      return unhandled(cmd.type);
    },
  }),
};
