import type { HardwareCommand } from '../types.js';
import type { ResolvedDevice } from '../definition.js';
import { AllMotors } from '../support/all-motors.js';

/** The two-motor state shared by the WeVibe protocols. */
export interface WeVibeMotors {
  /** Stores a motor's speed; returns [internal, external] (a one-motor toy's motor is both). */
  set(featureIndex: number, speed: number): [number, number];
  /** A packet restating both motors (acknowledged), replacing one still waiting. */
  write(data: ArrayLike<number>): HardwareCommand;
}

/** Every WeVibe packet restates the internal and the external motor. */
export function weVibeMotors(device: ResolvedDevice): WeVibeMotors {
  const vibrators = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
  const motors = new AllMotors('wevibe-motors', [0, 1]);
  return {
    set: (featureIndex, speed) => {
      const [internal = 0, external = 0] = motors.set(featureIndex === 0 ? 0 : 1, speed & 0xff) ?? [];
      return [internal, vibrators > 1 ? external : internal];
    },
    write: (data) => motors.write('tx', data, true),
  };
}

/** The all-motors-off packet every WeVibe protocol uses. */
export const WEVIBE_OFF = [0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
