import { unhandled, write, type Protocol } from './types.js';

/**
 * Kiiroo Spot: vibration is the six bytes `00 FF 00 00 00 <speed>` (0–100) on tx. The battery
 * is the standard BLE battery characteristic (rxblebattery), which ServerDevice reads itself.
 */
export const kiirooSpot: Protocol = {
  name: 'kiiroo-spot',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'Vibrate' ? [write('tx', [0x00, 0xff, 0x00, 0x00, 0x00, cmd.value])] : unhandled(cmd.type),
  }),
};
