import type { ProtocolContext, ProtocolHandler } from '../types.js';
import { unhandled, write } from '../types.js';

/** MysteryVibe motors stop unless their speeds are resent this often (observed app timing). */
export const MYSTERYVIBE_REPEAT_MS = 93;

/** Every motor rides in one packet: a newer packet replaces a waiting one. */
const PACKET_IDS = ['mysteryvibe/speeds'];

/**
 * Shared by both MysteryVibe generations: after their (different) mode write, every motor's
 * speed goes out in one packet on `txvibrate`, repeated every 93 ms.
 */
export function mysteryVibeHandler(ctx: ProtocolContext): ProtocolHandler {
  const motors = ctx.device.features.filter((f) => f.outputs.length > 0).sort((a, b) => a.index - b.index);
  const speeds = motors.map(() => 0);
  return {
    keepalive: { intervalMs: MYSTERYVIBE_REPEAT_MS },
    output: (cmd) => {
      const slot = motors.findIndex((f) => f.index === cmd.featureIndex);
      if (cmd.type !== 'Vibrate' || slot < 0) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
      speeds[slot] = cmd.value;
      return [write('txvibrate', speeds, false, PACKET_IDS)];
    },
  };
}
