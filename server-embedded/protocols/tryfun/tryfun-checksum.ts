/**
 * The TryFun packet checksum: start at 0xFF, subtract every byte from `from` on, then add the
 * number of bytes subtracted plus `bias`, all modulo 256.
 */
export function tryfunChecksum(data: readonly number[], from: number, bias: number): number {
  let sum = 0xff;
  for (let i = from; i < data.length; i++) sum -= data[i]!;
  return (sum + data.length - from + bias) & 0xff;
}
