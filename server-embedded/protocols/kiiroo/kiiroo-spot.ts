import { unhandled, write, type Protocol } from '../types.js';

/**
 * Kiiroo Spot: a six-byte frame whose last byte is the speed (0–100). Battery comes from the
 * standard BLE battery service, which the device layer reads on its own.
 */
export const kiirooSpot: Protocol = {
  name: 'kiiroo-spot',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0x00, 0xff, 0x00, 0x00, 0x00, cmd.value])] : unhandled(cmd.type),
  }),
};
