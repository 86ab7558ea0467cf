import { unhandled, write, type Protocol } from './types.js';

/**
 * Nexus Revo: vibration `aa 01 01 00 01 <speed>`; rotation `aa 01 02 00 <mode> 00` where the mode
 * is the speed (0–2), plus 2 when turning clockwise. Both with response.
 */
export const nexusRevo: Protocol = {
  name: 'nexus-revo',
  create: () => ({
    output: (cmd) => {
      if (cmd.type === 'Vibrate') return [write('tx', [0xaa, 0x01, 0x01, 0x00, 0x01, cmd.value], true)];
      if (cmd.type === 'Rotate') {
        const mode = Math.abs(cmd.value) + (cmd.value > 0 ? 2 : 0);
        return [write('tx', [0xaa, 0x01, 0x02, 0x00, mode, 0x00], true)];
      }
      return unhandled(cmd.type);
    },
  }),
};
