import { unhandled, write, type Protocol } from './types.js';

/** MyMuse Link Plus: `aa 55 06 01 01 01 <speed> ff` to run, a separate stop frame for zero. */
export const mymuselinkplus: Protocol = {
  name: 'mymuselinkplus',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      return [
        write(
          'tx',
          cmd.value === 0
            ? [0xaa, 0x55, 0x06, 0xaa, 0x00, 0x00, 0x00, 0x00]
            : [0xaa, 0x55, 0x06, 0x01, 0x01, 0x01, cmd.value, 0xff],
        ),
      ];
    },
  }),
};
