/**
 * AES-128 in ECB mode with PKCS#7 padding, in plain TypeScript so protocols that encrypt their
 * frames (Fluffer, VibCrafter) run where `node:crypto` does not (browsers). Web Crypto cannot
 * help: it is asynchronous and has no ECB mode. Toy frames are a few blocks, so speed is moot.
 */

/** Multiplication in GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1. */
const mul = (a: number, b: number): number => {
  let p = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) p ^= a;
    const hi = a & 0x80;
    a = (a << 1) & 0xff;
    if (hi) a ^= 0x1b;
    b >>= 1;
  }
  return p;
};

// The S-box from its definition (multiplicative inverse, then the affine map), not a pasted table.
// Built on first use: the search for inverses costs a few ms that start-up should not pay.
let boxes: { sbox: Uint8Array; inv: Uint8Array } | undefined;
function sboxes(): { sbox: Uint8Array; inv: Uint8Array } {
  if (boxes) return boxes;
  const sbox = new Uint8Array(256);
  const inv = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    let i = 0;
    if (x !== 0) for (i = 1; mul(x, i) !== 1; i++);
    let s = i;
    for (let r = 1; r <= 4; r++) s ^= ((i << r) | (i >> (8 - r))) & 0xff;
    s ^= 0x63;
    sbox[x] = s;
    inv[s] = x;
  }
  return (boxes = { sbox, inv });
}

/** The 11 round keys (176 bytes) of a 16-byte key. */
function expandKey(key: Uint8Array): Uint8Array {
  const SBOX = sboxes().sbox;
  if (key.length !== 16) throw new Error(`AES-128 needs a 16-byte key, got ${key.length} bytes`);
  const w = new Uint8Array(176);
  w.set(key);
  let rcon = 1;
  for (let i = 16; i < 176; i += 4) {
    let t0 = w[i - 4]!,
      t1 = w[i - 3]!,
      t2 = w[i - 2]!,
      t3 = w[i - 1]!;
    if (i % 16 === 0) {
      [t0, t1, t2, t3] = [SBOX[t1]! ^ rcon, SBOX[t2]!, SBOX[t3]!, SBOX[t0]!];
      rcon = mul(rcon, 2);
    }
    w[i] = w[i - 16]! ^ t0;
    w[i + 1] = w[i - 15]! ^ t1;
    w[i + 2] = w[i - 14]! ^ t2;
    w[i + 3] = w[i - 13]! ^ t3;
  }
  return w;
}

const addRoundKey = (s: Uint8Array, w: Uint8Array, round: number) => {
  for (let i = 0; i < 16; i++) s[i]! ^= w[round * 16 + i]!;
};

/** ShiftRows (or its inverse): row r of the column-major state rotates left (right) by r. */
const shiftRows = (s: Uint8Array, inverse: boolean) => {
  const t = s.slice();
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++) s[c * 4 + r] = t[((c + (inverse ? 4 - r : r)) % 4) * 4 + r]!;
};

const mixColumns = (s: Uint8Array, m: readonly number[]) => {
  for (let c = 0; c < 4; c++) {
    const col = [s[c * 4]!, s[c * 4 + 1]!, s[c * 4 + 2]!, s[c * 4 + 3]!];
    for (let r = 0; r < 4; r++)
      s[c * 4 + r] =
        mul(col[0]!, m[(4 - r) % 4]!) ^
        mul(col[1]!, m[(5 - r) % 4]!) ^
        mul(col[2]!, m[(6 - r) % 4]!) ^
        mul(col[3]!, m[(7 - r) % 4]!);
  }
};
const MIX = [2, 3, 1, 1];
const INV_MIX = [14, 11, 13, 9];

function encryptBlock(block: Uint8Array, w: Uint8Array): void {
  const SBOX = sboxes().sbox;
  addRoundKey(block, w, 0);
  for (let round = 1; round <= 10; round++) {
    for (let i = 0; i < 16; i++) block[i] = SBOX[block[i]!]!;
    shiftRows(block, false);
    if (round < 10) mixColumns(block, MIX);
    addRoundKey(block, w, round);
  }
}

function decryptBlock(block: Uint8Array, w: Uint8Array): void {
  const INV_SBOX = sboxes().inv;
  addRoundKey(block, w, 10);
  for (let round = 9; round >= 0; round--) {
    shiftRows(block, true);
    for (let i = 0; i < 16; i++) block[i] = INV_SBOX[block[i]!]!;
    addRoundKey(block, w, round);
    if (round > 0) mixColumns(block, INV_MIX);
  }
}

/** Encrypts `data` (PKCS#7-padded to whole blocks) under a 16-byte key. */
export function aes128EcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  const w = expandKey(key);
  const pad = 16 - (data.length % 16);
  const out = new Uint8Array(data.length + pad);
  out.set(data);
  out.fill(pad, data.length);
  for (let i = 0; i < out.length; i += 16) encryptBlock(out.subarray(i, i + 16), w);
  return out;
}

/** Decrypts whole blocks and strips PKCS#7 padding; throws if the length or padding is wrong. */
export function aes128EcbDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length % 16 !== 0)
    throw new Error(`AES-128-ECB data must be whole 16-byte blocks, got ${data.length} bytes`);
  const w = expandKey(key);
  const out = Uint8Array.from(data);
  for (let i = 0; i < out.length; i += 16) decryptBlock(out.subarray(i, i + 16), w);
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 16 || out.subarray(out.length - pad).some((b) => b !== pad))
    throw new Error('AES-128-ECB padding is invalid (wrong key, or not an encrypted frame)');
  return out.slice(0, out.length - pad);
}

/** A text's bytes, one per character (latin1), as the toys' keys and commands are written. */
export const latin1Bytes = (text: string): Uint8Array =>
  Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);

/** Bytes as latin1 text. */
export const latin1Text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
