import { unhandled, write, type Protocol } from './types.js';

/** iToys: vibrate `A0 01 00 00 <speed> FF`; oscillate `A0 06 <on> 00 <on> <speed>`. */
export const itoys: Protocol = {
  name: 'itoys',
  create: () => ({
    output: (cmd) => {
      const on = cmd.value === 0 ? 0 : 1;
      switch (cmd.type) {
        case 'Vibrate':
          return [write('tx', [0xa0, 0x01, 0x00, 0x00, cmd.value, 0xff])];
        case 'Oscillate':
          return [write('tx', [0xa0, 0x06, on, 0x00, on, cmd.value])];
        default:
          return unhandled(cmd.type);
      }
    },
  }),
};
