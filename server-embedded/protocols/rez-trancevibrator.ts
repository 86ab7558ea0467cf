import { unhandled, write, type Protocol } from './types.js';

/**
 * Rez Trance Vibrator (USB 0b49:064f): one vendor control request per speed change — request
 * type 0x43 (host to device, vendor, "other" recipient), request 1, value = speed 0–255. Facts
 * from the Linux kernel's trancevibrator driver.
 */
export const rezTrancevibrator: Protocol = {
  name: 'rez-trancevibrator',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate'
        ? [write('control', [0x43, 0x01, cmd.value & 0xff, 0x00, 0x00, 0x00])]
        : unhandled(cmd.type),
  }),
};
