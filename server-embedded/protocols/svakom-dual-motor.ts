/**
 * The motor-selection byte shared by Svakom v4/v5/v6: two vibrators run at one common speed (the
 * higher of the two); the selector says which of them runs — 00 both (or a single-motor toy),
 * 01 only the first, 02 only the second.
 */
export function svakomMotorSelect(first: number, second: number, singleMotor: boolean): number {
  if (singleMotor || (first > 0 && second > 0) || first === second) return 0x00;
  return first > 0 ? 0x01 : 0x02;
}
