/**
 * Magic Motion command packets. Every generation sends the speed inside a fixed frame; they
 * differ in a couple of frame bytes and in how many motor slots the frame carries.
 */

/** One-motor frame (generations 1 and 3): `tag` is the pair of bytes that differs. */
export const singleMotorFrame = (tag: number, speed: number): number[] => [
  0x0b,
  0xff,
  0x04,
  0x0a,
  tag,
  tag,
  0x00,
  0x04,
  0x08,
  speed & 0xff,
  0x64,
  0x00,
];

/** Two-motor frame (generations 2 and 4): `tag` is the byte that differs between them. */
export const twoMotorFrame = (tag: number, first: number, second: number): number[] => [
  0x10,
  0xff,
  0x04,
  0x0a,
  0x32,
  tag,
  0x00,
  0x04,
  0x08,
  first & 0xff,
  0x64,
  0x00,
  0x04,
  0x08,
  second & 0xff,
  0x64,
  0x01,
];
