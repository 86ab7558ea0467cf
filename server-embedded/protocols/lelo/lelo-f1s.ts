import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type OutputCommand, type ProtocolHandler, type Protocol } from '../types.js';

/**
 * The Lelo F1s motor packet: `01 <motor 0> <motor 1>` (0–100 each). The handler keeps the
 * other motor's speed. F1s V2 sends the same packet with write-with-response.
 */
export function leloF1sHandler(withResponse: boolean): ProtocolHandler {
  const motors = new AllMotors('lelo-f1s', firstFeatures(2));
  return {
    output: (cmd: OutputCommand) => {
      const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
      if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
      return [motors.write('tx', [0x01, ...speeds], withResponse)];
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
