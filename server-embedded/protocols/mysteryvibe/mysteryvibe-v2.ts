import { mysteryVibeHandler } from './mysteryvibe-handler.js';
import type { Protocol } from '../types.js';

/** MysteryVibe second generation: only the mode write differs (`03 02 40`). */
export const mysteryvibeV2: Protocol = {
  name: 'mysteryvibe-v2',
  create: async (ctx) => {
    await ctx.hardware.write('txmode', Uint8Array.from([0x03, 0x02, 0x40]), true);
    return mysteryVibeHandler(ctx);
  },
};
