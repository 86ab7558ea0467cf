import { unhandled, write, type Protocol } from './types.js';

/** CRC-16/XMODEM (polynomial 0x1021, initial value 0, MSB first). */
const crc16Xmodem = (bytes: ArrayLike<number>): number => {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= (bytes[i]! & 0xff) << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
};

/**
 * Ankni (Roselex): reads a short id from `generic0`. Firmware that returns more than six bytes
 * needs no handshake; otherwise the toy wants two 20-byte frames, the second carrying the high
 * byte of a CRC over `01 + id`. Speed frames are 20 bytes, `03 12 <speed>` then zeros, written
 * with response.
 */
export const ankni: Protocol = {
  name: 'ankni',
  create: async ({ hardware, log }) => {
    const id = await hardware.read('generic0', 16, 100);
    if (id.length <= 6) {
      const check = crc16Xmodem([0x01, ...id]) >> 8;
      log('debug', `handshake checksum 0x${check.toString(16)}`);
      await hardware.write('tx', new Uint8Array(20).fill(0x01), true);
      const second = new Uint8Array(20).fill(check);
      second[0] = 0x01;
      second[1] = 0x02;
      second[18] = 0x00;
      second[19] = 0x00;
      await hardware.write('tx', second, true);
    }
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        const frame = new Array<number>(20).fill(0);
        frame[0] = 0x03;
        frame[1] = 0x12;
        frame[2] = cmd.value;
        return [write('tx', frame, true)];
      },
    };
  },
};
