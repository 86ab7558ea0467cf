import type { ResolvedDevice } from '../definition.js';

/**
 * The two-motor state shared by the WeVibe protocols: every packet restates the internal and
 * the external motor. A single-motor toy reports its one motor as both.
 */
export function weVibeMotors(
  device: ResolvedDevice,
): (featureIndex: number, speed: number) => [number, number] {
  const vibrators = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
  const speeds = [0, 0];
  return (featureIndex, speed) => {
    speeds[featureIndex === 0 ? 0 : 1] = speed & 0xff;
    return [speeds[0]!, speeds[vibrators > 1 ? 1 : 0]!];
  };
}

/** Every WeVibe packet restates both motors, so a newer one replaces one still waiting. */
export const WEVIBE_MOTORS = ['wevibe-motors'];

/** The all-motors-off packet every WeVibe protocol uses. */
export const WEVIBE_OFF = [0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
