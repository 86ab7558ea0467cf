import { kiirooV21Handler } from './kiiroo-v21.js';
import type { Protocol } from '../types.js';

/**
 * Kiiroo v2.1 strokers that need waking (Onyx 2.1, Onyx+, Keon, Realm): two acknowledged
 * stroke commands `03 00 64 19` and `03 00 64 00` at start-up, then the v2.1 command set.
 */
export const kiirooV21Initialized: Protocol = {
  name: 'kiiroo-v21-initialized',
  create: async ({ hardware }) => {
    await hardware.write('tx', Uint8Array.of(0x03, 0x00, 0x64, 0x19), true);
    await hardware.write('tx', Uint8Array.of(0x03, 0x00, 0x64, 0x00), true);
    const handler = kiirooV21Handler(hardware);
    // These models list no battery input; only the command set is shared.
    return { output: handler.output! };
  },
};
