import type { Hardware } from '../../hardware/types.js';

/** Hismith toys report their model as two bytes on `rxblemodel`; the id is their hex (`1005`). */
export async function readHismithModel(hardware: Hardware): Promise<string> {
  const data = await hardware.read('rxblemodel', 128, 500);
  if (data.length === 0) throw new Error('the toy sent an empty model id');
  return [...data].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `<header> <index> <value> <index + value>`: the frame shape of every Hismith command. */
export const hismithFrame = (header: number, index: number, value: number): number[] => [
  header,
  index,
  value & 0xff,
  (index + value) & 0xff,
];
