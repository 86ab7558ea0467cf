/**
 * The frame obfuscation shared by Galaku toys: a frame is `23` + payload + an 8-bit sum of
 * everything before it, then every byte after the first is mixed with a key picked from a
 * 4×12 table by the previous encrypted byte.
 */
const KEY_TABLE: readonly (readonly number[])[] = [
  [0, 24, 152, 247, 165, 61, 13, 41, 37, 80, 68, 70],
  [0, 69, 110, 106, 111, 120, 32, 83, 45, 49, 46, 55],
  [0, 101, 120, 32, 84, 111, 121, 115, 10, 142, 157, 163],
  [0, 197, 214, 231, 248, 10, 50, 32, 111, 98, 13, 10],
];

const FRAME_START = 0x23;

/** Builds the encrypted frame for a payload of at most 10 bytes (the key table's width). */
export function galakuFrame(payload: readonly number[]): number[] {
  if (payload.length > 10)
    throw new RangeError(`Galaku payloads hold at most 10 bytes (got ${payload.length})`);
  const plain = [FRAME_START, ...payload];
  plain.push(plain.reduce((a, b) => a + b, 0) & 0xff);
  const out = [FRAME_START];
  for (let i = 1; i < plain.length; i++) {
    const key = KEY_TABLE[out[i - 1]! & 3]![i]!;
    out.push((((key ^ FRAME_START ^ plain[i]!) & 0xff) + key) & 0xff);
  }
  return out;
}
