import { AllMotors, firstFeatures } from '../support/all-motors.js';

/** The latest speeds of the two vibrators Svakom v4/v5/v6 restate in every packet. */
export const svakomVibrators = (): AllMotors => new AllMotors('svakom-motors', firstFeatures(2));

/**
 * The motor-selection byte shared by Svakom v4/v5/v6: two vibrators run at one common speed (the
 * higher of the two); the selector says which of them runs — 00 both (or a single-motor toy),
 * 01 only the first, 02 only the second.
 */
export function svakomMotorSelect(first: number, second: number, singleMotor: boolean): number {
  if (singleMotor || (first > 0 && second > 0) || first === second) return 0x00;
  return first > 0 ? 0x01 : 0x02;
}

/**
 * The two-vibrator packet of Svakom v4/v5/v6: `55 03 <select> 00 <on> <speed>`, plus a trailing
 * 00 on v4/v6 (`trailingZero`).
 */
export function svakomDualMotorPacket(
  [first = 0, second = 0]: readonly number[],
  opts: { singleMotor: boolean; trailingZero: boolean },
): number[] {
  const bytes = [
    0x55,
    0x03,
    svakomMotorSelect(first, second, opts.singleMotor),
    0x00,
    first === 0 && second === 0 ? 0x00 : 0x01,
    Math.max(first, second),
  ];
  if (opts.trailingZero) bytes.push(0x00);
  return bytes;
}
