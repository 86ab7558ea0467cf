import { aes128EcbDecrypt, aes128EcbEncrypt, latin1Bytes, latin1Text } from './support/aes128-ecb.js';
import { hex, randomBelow, sha256 } from './support/digests.js';
import { unhandled, write, type Protocol } from './types.js';
import { nextNotification } from './support/notification-inbox.js';

/** The fixed AES-128 key every VibCrafter toy uses (ECB mode, PKCS#7 padding). */
const KEY = latin1Bytes('jdk#Cra%f5Vib28r');
/** How long the toy may take to answer each handshake message. */
const ANSWER_MS = 2000;
/** Challenge rounds accepted before giving up (the toy normally needs one). */
const MAX_ROUNDS = 4;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Encrypts a text command the way the toy expects. */
export function vibcrafterEncrypt(text: string): Uint8Array {
  return aes128EcbEncrypt(KEY, latin1Bytes(text));
}

/** Decrypts a notification; throws if it is not a well-padded AES block sequence. */
export function vibcrafterDecrypt(data: Uint8Array): string {
  return latin1Text(aes128EcbDecrypt(KEY, data));
}

/** The answer to a challenge `XXXX:<token>;`: the first two bytes of SHA-256(token), in hex. */
export const vibcrafterAnswer = (token: string): string =>
  `Auth:${hex(sha256(latin1Bytes(token)).subarray(0, 2))};`;

/**
 * VibCrafter: every packet is AES-encrypted text. At connect plugkit subscribes to rx and sends
 * `Auth:<6 random alphanumerics>;`; the toy either accepts (`OK;`) or sends a challenge
 * `XXXX:<token>;`, answered with `Auth:<first two SHA-256 bytes of token, hex>;`. Motors then go
 * as `MtInt:<m1 2 digits><m2 2 digits>;`.
 */
export const vibcrafter: Protocol = {
  name: 'vibcrafter',
  create: async ({ hardware }) => {
    await hardware.subscribe('rx');
    const nonce = Array.from({ length: 6 }, () => ALPHANUMERIC[randomBelow(ALPHANUMERIC.length)]).join('');
    let message = `Auth:${nonce};`;
    let authenticated = false;
    for (let round = 0; round < MAX_ROUNDS && !authenticated; round++) {
      const answer = nextNotification(hardware, 'rx', ANSWER_MS, 'the authentication request');
      await hardware.write('tx', vibcrafterEncrypt(message), false);
      const bytes = await answer; // a timeout or disconnect is reported as it is
      let text: string;
      try {
        text = vibcrafterDecrypt(bytes);
      } catch {
        throw new Error('VibCrafter sent an authentication answer that does not decrypt');
      }
      if (text === 'OK;') authenticated = true;
      else {
        const challenge = /^[a-zA-Z0-9]{4}:([a-zA-Z0-9]+);$/.exec(text);
        if (!challenge)
          throw new Error(`VibCrafter sent an invalid security handshake (${JSON.stringify(text)})`);
        message = vibcrafterAnswer(challenge[1]!);
      }
    }
    if (!authenticated) throw new Error(`VibCrafter did not accept authentication in ${MAX_ROUNDS} rounds`);
    const speeds = [0, 0];
    const two = (n: number) => String(n).padStart(2, '0');
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        speeds[cmd.featureIndex === 0 ? 0 : 1] = cmd.value & 0xff;
        return [write('tx', vibcrafterEncrypt(`MtInt:${two(speeds[0]!)}${two(speeds[1]!)};`))];
      },
    };
  },
};
