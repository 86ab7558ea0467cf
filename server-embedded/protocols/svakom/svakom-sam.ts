import { unhandled, write, type Protocol } from '../types.js';

/**
 * Svakom Sam Neo: notifications on rx are enabled at connect. Vibration is
 * `12 01 03 00 <mode> <speed>`; models with a `txmode` or `firmware` characteristic are the second
 * generation, which takes mode 04 (00 to stop) and honours the speed, while the first generation
 * always sends mode 05. Suction is `12 06 01 <level>`.
 */
export const svakomSam: Protocol = {
  name: 'svakom-sam',
  create: async ({ hardware, log }) => {
    await hardware.subscribe('rx');
    let gen2 = hardware.endpoints.includes('txmode');
    if (!gen2 && hardware.endpoints.includes('firmware')) {
      gen2 = true;
      log('warn', 'this Sam model has no speed control; it vibrates at one speed only');
    }
    return {
      output: (cmd) => {
        const v = cmd.value & 0xff;
        if (cmd.type === 'Vibrate')
          return [write('tx', gen2 ? [18, 1, 3, 0, v === 0 ? 0x00 : 0x04, v] : [18, 1, 3, 0, 5, v])];
        if (cmd.type === 'Constrict') return [write('tx', [18, 6, 1, v])];
        return unhandled(cmd.type);
      },
    };
  },
};
