/**
 * Just enough of the protobuf (proto3) wire format to build the few messages some toys take:
 * varints, doubles, floats, bools and nested messages. Following proto3, a scalar equal to its
 * default (0, 0.0, false) is left out, so the bytes match what any protobuf encoder produces.
 */

/** Base-128 varint of a non-negative integer (up to 2^53). */
export function varint(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`varint needs a non-negative integer, got ${n}`);
  const out: number[] = [];
  while (n >= 0x80) {
    out.push(n % 0x80 | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const key = (field: number, wireType: number) => varint(field * 8 + wireType);

/** A uint32/enum/int field (wire type 0); omitted when 0. */
export const uintField = (field: number, value: number): number[] =>
  value === 0 ? [] : [...key(field, 0), ...varint(value)];

/** A bool field; omitted when false. */
export const boolField = (field: number, value: boolean): number[] => (value ? [...key(field, 0), 1] : []);

/** A double field (wire type 1, 8 bytes little-endian); omitted when 0. */
export function doubleField(field: number, value: number): number[] {
  if (value === 0) return [];
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, value, true);
  return [...key(field, 1), ...new Uint8Array(b.buffer)];
}

/** A float field (wire type 5, 4 bytes little-endian); omitted when 0. */
export function floatField(field: number, value: number): number[] {
  if (value === 0) return [];
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, value, true);
  return [...key(field, 5), ...new Uint8Array(b.buffer)];
}

/** A nested message (wire type 2); always present, even when empty. */
export const messageField = (field: number, body: readonly number[]): number[] => [
  ...key(field, 2),
  ...varint(body.length),
  ...body,
];
