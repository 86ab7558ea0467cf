import { unhandled, write, type HardwareCommand, type Protocol } from '../types.js';

/** Which motor a packet sets; a newer packet replaces a waiting one for the same motor. */
const MAIN = ['iker-main'];
const SECOND = ['iker-second'];
const BOTH = [...MAIN, ...SECOND];

/**
 * Svakom Iker: two motors with separate packets, but the toy needs both restated together. The
 * main motor goes as `55 03 03 00 01 <speed>`, the second as `55 07 00 00 <speed> 00` (only while
 * it runs); with both at rest a single `55 07 00 00 00 00` stops everything.
 */
export const svakomIker: Protocol = {
  name: 'svakom-iker',
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speeds[cmd.featureIndex === 0 ? 0 : 1] = cmd.value & 0xff;
        const [main, second] = speeds as [number, number];
        if (main === 0 && second === 0)
          return [write('tx', [0x55, 0x07, 0x00, 0x00, 0x00, 0x00], false, BOTH)];
        const out: HardwareCommand[] = [write('tx', [0x55, 0x03, 0x03, 0x00, 0x01, main], false, MAIN)];
        if (second > 0) out.push(write('tx', [0x55, 0x07, 0x00, 0x00, second, 0x00], false, SECOND));
        return out;
      },
    };
  },
};
