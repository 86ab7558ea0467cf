import { aes128EcbDecrypt, aes128EcbEncrypt, latin1Bytes } from './support/aes128-ecb.js';
import { randomBytes, sha256 } from './support/digests.js';
import { AllMotors, firstFeatures } from './support/all-motors.js';
import { unhandled, type Protocol } from './types.js';
import { nextReply } from './support/notification-inbox.js';

/** Every Fluffer frame is AES-128-ECB (PKCS#7 padded) under this fixed key. */
const KEY = latin1Bytes('jdk#Flu%y6fer32f');
/** Fluffer's manufacturer id in advertisements (bytes 4A 68). */
const COMPANY_ID = 0x684a;
const AUTH_TIMEOUT_MS = 5000;
const AUTH_OK = [0xa5, 0x01, 0x01, 0x00];
const encrypt = (data: number[]): Uint8Array => aes128EcbEncrypt(KEY, Uint8Array.from(data));
const decrypt = (data: Uint8Array): Uint8Array | undefined => {
  try {
    return aes128EcbDecrypt(KEY, data);
  } catch {
    return undefined; // wrong length or padding: not a frame from this toy
  }
};

/** Four device-secret bytes hidden in the advertisement, XOR-masked with a key from its header. */
const advertisedSecret = (adv: number[]): number[] => {
  const mask = adv[2]! ^ adv[1]!;
  return adv.slice(3, 7).map((b) => (b !== 0 && b !== mask ? b ^ mask : b));
};

/** Thrown when the toy refuses or ignores the authentication exchange. */
export class FlufferAuthError extends Error {
  override readonly name = 'FlufferAuthError';
}

/**
 * Fluffer (and MotorBunny's Fluffer boards): encrypted frames. When the advertisement carries
 * Fluffer manufacturer data the toy must be authenticated first: `A5 01 08 <rand×4> <sha256(rand ‖
 * secret)[0..4]>`, answered by `A5 01 01 00`, then `82 0E 02 00 01` unlocks it. Motor frame:
 * `82 0F 05 00 <m0> <m1> 00 00`; reverse rotation is sent as speed + 100.
 */
export const fluffer: Protocol = {
  name: 'fluffer',
  create: async ({ hardware, advertisement, log }) => {
    await hardware.subscribe('rx');
    const maker = advertisement?.manufacturerData?.find((m) => m.company === COMPANY_ID);
    if (!maker) log('warn', `no Fluffer manufacturer data for ${hardware.name}; skipping authentication`);
    else {
      const adv = [COMPANY_ID & 0xff, COMPANY_ID >> 8, ...maker.data];
      const rand = [...randomBytes(4)];
      const digest = sha256(Uint8Array.from(rand), Uint8Array.from(advertisedSecret(adv)));
      const reply = nextReply(hardware, AUTH_TIMEOUT_MS, 'rx');
      await hardware.write('tx', encrypt([0xa5, 0x01, 0x08, ...rand, ...digest.subarray(0, 4)]), false);
      const answer = await reply;
      if (!answer) throw new FlufferAuthError(`no authentication reply within ${AUTH_TIMEOUT_MS} ms`);
      const plain = decrypt(answer);
      if (!plain || plain.length !== AUTH_OK.length || !AUTH_OK.every((b, i) => plain[i] === b))
        throw new FlufferAuthError('the toy rejected the authentication (or answered garbage)');
      await hardware.write('tx', encrypt([0x82, 0x0e, 0x02, 0x00, 0x01]), false);
    }
    const motors = new AllMotors('fluffer/frame', firstFeatures(2));
    return {
      output: (cmd) => {
        if (!motors.has(cmd.featureIndex)) return unhandled(`feature ${cmd.featureIndex}`);
        let level: number;
        if (cmd.type === 'Vibrate' || cmd.type === 'Oscillate') level = cmd.value;
        else if (cmd.type === 'Rotate') level = cmd.value < 0 ? -cmd.value + 100 : cmd.value;
        else return unhandled(cmd.type);
        const [m0 = 0, m1 = 0] = motors.set(cmd.featureIndex, level) ?? [];
        return [motors.write('tx', encrypt([0x82, 0x0f, 0x05, 0x00, m0, m1, 0x00, 0x00]))];
      },
    };
  },
};
