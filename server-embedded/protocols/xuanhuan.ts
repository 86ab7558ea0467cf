import { unhandled, write, type Protocol } from './types.js';

/** How often the running speed is restated; the toy stops on its own without it. */
const REPEAT_MS = 300;

/**
 * Xuanhuan masturbator: `03 02 00 <speed>`, written with response. While the speed is above 0
 * the packet is repeated every 300 ms of silence (at rest nothing is repeated).
 */
export const xuanhuan: Protocol = {
  name: 'xuanhuan',
  create: ({ hardware, log }) => {
    let speed = 0;
    let lastSent = Date.now();
    const timer = setInterval(() => {
      if (speed === 0 || Date.now() - lastSent < REPEAT_MS - 5) return;
      lastSent = Date.now();
      hardware.write('tx', Uint8Array.from([0x03, 0x02, 0x00, speed]), true).catch((err: unknown) => {
        log('warn', `repeat write failed, stopping the repeat: ${(err as Error).message}`);
        clearInterval(timer);
      });
    }, REPEAT_MS / 3);
    (timer as { unref?: () => void }).unref?.();
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speed = cmd.value & 0xff;
        lastSent = Date.now();
        return [write('tx', [0x03, 0x02, 0x00, speed], true)];
      },
      dispose: () => clearInterval(timer),
    };
  },
};
