import { unhandled, write, type Protocol } from '../types.js';

/**
 * Kiiroo ProWand / Luxus: `00 00 64`, an on/off flag (0xFF while running), then the speed
 * twice (0–255). Battery is the standard BLE battery service (read by the device layer).
 */
export const kiirooProwand: Protocol = {
  name: 'kiiroo-prowand',
  create: () => ({
    output: (cmd) => {
      if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
      const on = cmd.value === 0 ? 0x00 : 0xff;
      return [write('tx', [0x00, 0x00, 0x64, on, cmd.value, cmd.value])];
    },
  }),
};
