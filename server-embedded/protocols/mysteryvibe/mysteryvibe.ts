import { mysteryVibeHandler } from './mysteryvibe-handler.js';
import type { Protocol } from '../types.js';

/** MysteryVibe (Crescendo, Tenuto, Poco): mode `43 02 00` on `txmode`, then all speeds at once. */
export const mysteryvibe: Protocol = {
  name: 'mysteryvibe',
  create: async (ctx) => {
    await ctx.hardware.write('txmode', Uint8Array.from([0x43, 0x02, 0x00]), true);
    return mysteryVibeHandler(ctx);
  },
};
