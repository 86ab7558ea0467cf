import { unhandled, write, type Protocol } from './types.js';

/**
 * Patoo: the model is the advertised name up to its first digit ("PTVEA12" → "PTVEA"). One
 * speed byte goes to `tx` and a mode byte to `txmode`: 0x04 runs the first motor; with the first
 * motor off, mode 0x80 runs the second (Devil) at its own speed, mode 0x00 stops everything.
 */
export const patoo: Protocol = {
  name: 'patoo',
  identify: async (hardware) => ({ identifier: hardware.name.replace(/[0-9].*$/s, '') }),
  create: () => {
    const speeds = [0, 0];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (cmd.featureIndex > 1) return unhandled(`a vibrator at feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value;
        let speed = speeds[0]!;
        let mode = 0x04;
        if (speed === 0) {
          mode = speeds[1] ? 0x80 : 0x00;
          speed = speeds[1]!;
        }
        return [write('tx', [speed], true, ['patoo-speed']), write('txmode', [mode], true, ['patoo-mode'])];
      },
    };
  },
};
