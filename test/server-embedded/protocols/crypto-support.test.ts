import { createCipheriv, createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { aes128EcbDecrypt, aes128EcbEncrypt } from '../../../server-embedded/protocols/support/aes128-ecb.js';
import { md5, sha256 } from '../../../server-embedded/protocols/support/digests.js';
// The browser-safe helpers must give exactly node:crypto's bytes (every length across 0..9 blocks).
it('AES-128-ECB, SHA-256 and MD5 match node:crypto', () => {
  for (let len = 0; len < 150; len++) {
    const d = Uint8Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff);
    const key = Uint8Array.from({ length: 16 }, (_, i) => (i * 11 + len) & 0xff);
    const c = createCipheriv('aes-128-ecb', key, null);
    const ref = new Uint8Array(Buffer.concat([c.update(d), c.final()]));
    expect(aes128EcbEncrypt(key, d)).toEqual(ref);
    expect(aes128EcbDecrypt(key, ref)).toEqual(d);
    expect(Buffer.from(sha256(d)).toString('hex')).toBe(createHash('sha256').update(d).digest('hex'));
    expect(Buffer.from(md5(d)).toString('hex')).toBe(createHash('md5').update(d).digest('hex'));
  }
});
