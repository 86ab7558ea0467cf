import { leloAuthorise } from './lelo-auth.js';
import { leloF1sHandler } from './lelo-f1s.js';
import { leloHarmonyHandler } from './lelo-harmony.js';
import type { Protocol } from '../types.js';

const UNAUTHORISED = [0, 0, 0, 0, 0, 0, 0, 0];
const AUTHORISED = [1, 0, 0, 0, 0, 0, 0, 0];
const equals = (d: Uint8Array, want: number[]) =>
  d.length === want.length && want.every((b, i) => d[i] === b);

/**
 * Lelo F1s V2 / V3 / F2S: pairs over the whitelist characteristic (exact eight-byte answers for
 * "press the power button" and "authorised"), then speaks the F1s motor packet with
 * write-with-response. A configuration without a whitelist endpoint pairs over generic0 and
 * speaks the Harmony frame instead.
 */
export const leloF1sv2: Protocol = {
  name: 'lelo-f1sv2',
  create: async ({ hardware, log }) => {
    const harmony = !hardware.endpoints.includes('whitelist');
    await leloAuthorise(
      hardware,
      harmony ? 'generic0' : 'whitelist',
      { unauthorised: (d) => equals(d, UNAUTHORISED), authorised: (d) => equals(d, AUTHORISED) },
      log,
    );
    return harmony ? leloHarmonyHandler() : leloF1sHandler(true);
  },
};
