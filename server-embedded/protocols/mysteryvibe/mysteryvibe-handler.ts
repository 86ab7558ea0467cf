import type { ProtocolContext, ProtocolHandler } from '../types.js';
import { AllMotors, motorFeatureIndexes } from '../support/all-motors.js';
import { unhandled } from '../types.js';

/** MysteryVibe motors stop unless their speeds are resent this often (observed app timing). */
export const MYSTERYVIBE_REPEAT_MS = 93;

/**
 * Shared by both MysteryVibe generations: after their (different) mode write, every motor's
 * speed goes out in one packet on `txvibrate`, repeated every 93 ms.
 */
export function mysteryVibeHandler(ctx: ProtocolContext): ProtocolHandler {
  const motors = new AllMotors('mysteryvibe/speeds', motorFeatureIndexes(ctx.device));
  return {
    keepalive: { intervalMs: MYSTERYVIBE_REPEAT_MS },
    output: (cmd) => {
      const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
      if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
      return [motors.write('txvibrate', speeds)];
    },
  };
}
