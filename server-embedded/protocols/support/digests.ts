/**
 * SHA-256 and MD5 in plain TypeScript, synchronous, for the few protocols that sign or
 * authenticate frames (Fluffer, VibCrafter, Honey Play Box). `node:crypto` is missing in browsers
 * and Web Crypto is asynchronous (and has no MD5); these inputs are a few dozen bytes.
 */

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Pads a message the Merkle–Damgård way: 0x80, zeros, then the bit length (64 bits). */
const padded = (msg: Uint8Array, bigEndian: boolean): Uint8Array => {
  const total = Math.ceil((msg.length + 9) / 64) * 64;
  const out = new Uint8Array(total);
  out.set(msg);
  out[msg.length] = 0x80;
  const view = new DataView(out.buffer);
  const bits = msg.length * 8;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  if (bigEndian) {
    view.setUint32(total - 8, hi, false);
    view.setUint32(total - 4, lo, false);
  } else {
    view.setUint32(total - 8, lo, true);
    view.setUint32(total - 4, hi, true);
  }
  return out;
};

const K256 = Uint32Array.from(
  // First 32 bits of the fractional parts of the cube roots of the first 64 primes.
  (() => {
    const primes: number[] = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
    return primes.map((p) => Math.floor((Math.cbrt(p) % 1) * 2 ** 32) >>> 0);
  })(),
);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of the concatenated parts. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const m = padded(concat(parts), true);
  const view = new DataView(m.buffer);
  const h = Uint32Array.from([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4, false);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K256[i]! + w[i]!) >>>
        0;
      const t2 = ((rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v!) >>> 0));
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  h.forEach((v, i) => ov.setUint32(i * 4, v, false));
  return out;
}

// MD5's per-round shifts and sine-derived constants (RFC 1321).
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Uint32Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0,
);

/** MD5 of the concatenated parts (a toy's signature scheme, not for security). */
export function md5(...parts: Uint8Array[]): Uint8Array {
  const m = padded(concat(parts), false);
  const view = new DataView(m.buffer);
  const h = Uint32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  for (let off = 0; off < m.length; off += 64) {
    let [a, b, c, d] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) [f, g] = [(b! & c!) | (~b! & d!), i];
      else if (i < 32) [f, g] = [(d! & b!) | (~d! & c!), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b! ^ c! ^ d!, (3 * i + 5) % 16];
      else [f, g] = [c! ^ (b! | ~d!), (7 * i) % 16];
      const sum = (a! + f + MD5_K[i]! + view.getUint32(off + g * 4, true)) >>> 0;
      const s = MD5_S[(i >> 4) * 4 + (i % 4)]!;
      a = d;
      d = c;
      c = b;
      b = (b! + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    [a, b, c, d].forEach((v, i) => (h[i] = (h[i]! + v!) >>> 0));
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  h.forEach((v, i) => ov.setUint32(i * 4, v, true));
  return out;
}

/** Lowercase hex of bytes. */
export const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** `n` random bytes from the runtime's Web Crypto (Node 20+, browsers). */
export const randomBytes = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** A random integer in [0, max) (max ≤ 256) without modulo bias. */
export function randomBelow(max: number): number {
  const limit = 256 - (256 % max);
  for (;;) {
    const b = randomBytes(1)[0]!;
    if (b < limit) return b % max;
  }
}
