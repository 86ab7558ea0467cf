import { unhandled, write, type Protocol } from './types.js';

/**
 * Pretty Love (Aogu BLE): `00 <speed>` (0–3), written with response. Every advertised name
 * ("Aogu BLE …") is one model, so identification always yields "Aogu BLE".
 */
export const prettylove: Protocol = {
  name: 'prettylove',
  identify: async () => ({ identifier: 'Aogu BLE' }),
  create: () => ({
    output: (cmd) => (cmd.type === 'Vibrate' ? [write('tx', [0x00, cmd.value], true)] : unhandled(cmd.type)),
  }),
};
