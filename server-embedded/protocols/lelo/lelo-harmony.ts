import { leloAuthorise } from './lelo-auth.js';
import { unhandled, write, type OutputCommand, type ProtocolHandler, type Protocol } from '../types.js';

/**
 * The Lelo Harmony command: a ten-byte frame naming the motor (feature index + 1) in the third
 * byte and its speed (0–100) in the ninth. Rotation motors take the same frame, speed only.
 */
export const leloHarmonyHandler = (): ProtocolHandler => ({
  output: (cmd: OutputCommand) => {
    if (cmd.type !== 'Vibrate' && cmd.type !== 'Rotate') return unhandled(cmd.type);
    const speed = Math.abs(cmd.value) & 0xff;
    return [write('tx', [0x0a, 0x12, cmd.featureIndex + 1, 0x08, 0x00, 0x00, 0x00, 0x00, speed, 0x00])];
  },
});

/**
 * Lelo Harmony family (Tiani Harmony, Ida Wave, Tor 3, Hugo 2, Gigi 3, Liv 3, Enigma): pairs
 * over the whitelist characteristic, where all zeros means "press the power button" and `01`
 * followed by zeros means authorised.
 */
export const leloHarmony: Protocol = {
  name: 'lelo-harmony',
  create: async ({ hardware, log }) => {
    await leloAuthorise(
      hardware,
      'whitelist',
      {
        unauthorised: (d) => d.every((b) => b === 0),
        authorised: (d) => d.length > 0 && d[0] === 1 && d.subarray(1).every((b) => b === 0),
      },
      log,
    );
    return leloHarmonyHandler();
  },
};
