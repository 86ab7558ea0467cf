import { unhandled, write, type Protocol } from '../types.js';

/**
 * Coleur Dor DT250A: `55 <mode> 00 00 <level> <on>`. Mode 03 drives the first vibrator, 08 the
 * second, 09 the constrictor; the trailing "on" byte is 1 for a running vibrator and always 0
 * for the constrictor.
 */
export const svakomDt250a: Protocol = {
  name: 'svakom-dt250a',
  create: () => {
    const packet = (mode: number, level: number) =>
      write('tx', [0x55, mode, 0x00, 0x00, level & 0xff, level === 0 || mode === 0x09 ? 0x00 : 0x01]);
    return {
      output: (cmd) => {
        if (cmd.type === 'Vibrate') return [packet(cmd.featureIndex === 0 ? 0x03 : 0x08, cmd.value)];
        if (cmd.type === 'Constrict') return [packet(0x09, cmd.value)];
        return unhandled(cmd.type);
      },
    };
  },
};
