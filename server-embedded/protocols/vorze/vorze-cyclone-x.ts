import { unhandled, write, type Protocol } from '../types.js';

/** ASCII digit offset the report uses for its numeric fields. */
const DIGIT = 0x30;

/**
 * Rends Vorze Cyclone X10 (USB HID 0483:5750): one 16-byte output report (report id 0 first)
 * carrying pause, speed 0–10 and mode (0 forwards, 1 backwards) as ASCII digits inside a fixed
 * frame. Speed 0 also sets pause, so a stop is a stop. Facts from the public protocol notes
 * (STPIHKAL issue 31, after the original Windows control software's documentation).
 */
export const vorzeCycloneX: Protocol = {
  name: 'vorze-cyclone-x',
  create: () => ({
    output(cmd) {
      if (cmd.type !== 'Rotate') return unhandled(cmd.type);
      const speed = Math.min(10, Math.abs(cmd.value));
      const backwards = cmd.value < 0 ? 1 : 0;
      const paused = speed === 0 ? 1 : 0;
      return [
        write('tx', [
          0x00,
          0x3c,
          0x30,
          0x31,
          0x35,
          0x32,
          DIGIT + paused,
          DIGIT + speed,
          0x30,
          DIGIT + backwards,
          0x30,
          0x01,
          0x02,
          0x03,
          0x68,
          0x3e,
        ]),
      ];
    },
  }),
};
