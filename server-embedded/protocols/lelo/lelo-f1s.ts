import { unhandled, write, type OutputCommand, type ProtocolHandler, type Protocol } from '../types.js';

/** Both motors share one packet, so a newer packet supersedes a queued one. */
const PACKET = 'lelo-f1s';

/**
 * The Lelo F1s motor packet: `01 <motor 0> <motor 1>` (0–100 each). The handler keeps the
 * other motor's speed. F1s V2 sends the same packet with write-with-response.
 */
export function leloF1sHandler(withResponse: boolean): ProtocolHandler {
  const speeds = [0, 0];
  return {
    output: (cmd: OutputCommand) => {
      if (cmd.type !== 'Vibrate' || cmd.featureIndex > 1)
        return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
      speeds[cmd.featureIndex] = cmd.value;
      return [write('tx', [0x01, speeds[0]!, speeds[1]!], withResponse, [PACKET])];
    },
  };
}

/** Lelo F1s (first version): subscribes to rx (the toy expects a listener), then takes motor packets. */
export const leloF1s: Protocol = {
  name: 'lelo-f1s',
  create: async ({ hardware }) => {
    await hardware.subscribe('rx');
    return leloF1sHandler(false);
  },
};
