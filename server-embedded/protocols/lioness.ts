import { unhandled, write, type Protocol } from './types.js';

/**
 * Lioness: subscribe to rx, then an acknowledged hello `01 AA AA BB CC 10`; vibration is
 * `02 AA BB CC CC <speed>` (0–100). The hello fails when the OS has not paired the toy.
 */
export const lioness: Protocol = {
  name: 'lioness',
  create: async ({ hardware }) => {
    await hardware.subscribe('rx');
    try {
      await hardware.write('tx', Uint8Array.of(0x01, 0xaa, 0xaa, 0xbb, 0xcc, 0x10), true);
    } catch (err) {
      throw new Error(
        `the Lioness refused the start-up write (${(err as Error).message}); pair it with the OS first, PIN 6496 or 006496`,
        { cause: err },
      );
    }
    return {
      output: (cmd) =>
        cmd.type === 'Vibrate'
          ? [write('tx', [0x02, 0xaa, 0xbb, 0xcc, 0xcc, cmd.value])]
          : unhandled(cmd.type),
    };
  },
};
