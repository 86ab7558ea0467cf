/** The Bluetooth base UUID's tail, for widening 16/32-bit UUIDs. */
const BASE_TAIL = '00001000800000805f9b34fb';

/**
 * A UUID in the device config's form: 128-bit, lowercase, dashed. Accepts noble's forms
 * (`ff00`, `0000ff0000001000800000805f9b34fb`) and dashed ones.
 */
export function canonicalUuid(uuid: string): string {
  let hex = uuid.toLowerCase().replace(/-/g, '');
  if (/^[0-9a-f]{4}$/.test(hex)) hex = `0000${hex}${BASE_TAIL}`;
  else if (/^[0-9a-f]{8}$/.test(hex)) hex = `${hex}${BASE_TAIL}`;
  if (!/^[0-9a-f]{32}$/.test(hex)) return uuid.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
