import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom Magic Suitcase: the main motor's 0–30 scale is split into an intensity band (tens,
 * counted from 1) and a speed within the band (units, 1–10): e.g. 10 → band 1, speed 10; 11 →
 * band 2, speed 1. Packet `55 03 00 00 <band> <speed>`; the second output is `55 09 00 00 <on> 00`.
 */
export const svakomSuitcase: Protocol = {
  name: 'svakom-suitcase',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      if (cmd.featureIndex !== 0) return [write('tx', [0x55, 0x09, 0x00, 0x00, cmd.value & 0xff, 0x00])];
      const level = cmd.value;
      let speed = level % 10;
      let band = level === 0 ? 0 : Math.floor(level / 10) + 1;
      if (speed === 0 && band !== 0) {
        speed = 10;
        band -= 1;
      }
      return [write('tx', [0x55, 0x03, 0x00, 0x00, band & 0xff, speed & 0xff])];
    },
  }),
};
