import { unhandled, write, type HardwareCommand, type Protocol } from './types.js';

/** The toy stops unless it hears its speed again within this interval. */
const REPEAT_MS = 100;

/**
 * Hgod (AMN Neo): `55 04 00 00 00 <speed>`, repeated every 100 ms while running. A speed of
 * zero is never sent: the toy stops when the frames stop.
 */
export const hgod: Protocol = {
  name: 'hgod',
  create: () => {
    let speed = 0;
    const frame = (): HardwareCommand => write('tx', [0x55, 0x04, 0x00, 0x00, 0x00, speed]);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speed = cmd.value;
        return speed > 0 ? [frame()] : [];
      },
      keepalive: { intervalMs: REPEAT_MS, packet: () => (speed > 0 ? frame() : undefined) },
    };
  },
};
