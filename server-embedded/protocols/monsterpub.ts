import type { Endpoint, Hardware } from '../hardware/types.js';
import type { ProtocolContext } from './types.js';
import { AllMotors, motorFeatureIndexes } from './support/all-motors.js';
import { unhandled, type Identification, type Protocol } from './types.js';

/** Per-firmware keys for the connect challenge; the challenge's first byte picks one. */
const CHALLENGE_KEYS = ['2IPO', 'LSBB', 'SIS6', 'TALK'].map((k) =>
  Array.from(k.repeat(4).slice(0, 15), (c) => c.charCodeAt(0)),
);

/** Model name from the `rxblemodel` characteristic: NUL padding dropped; `Unknown` if unreadable. */
async function identifyMonsterPub(hardware: Hardware, log: ProtocolContext['log']): Promise<Identification> {
  let data: Uint8Array;
  try {
    data = await hardware.read('rxblemodel', 32, 500);
  } catch (err) {
    log('info', `model characteristic unreadable (${(err as Error).message}); using the defaults`);
    return { identifier: 'Unknown' };
  }
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new Error('MonsterPub model name is not UTF-8 text');
  }
  return { identifier: name.replace(/\0/g, '') };
}

/**
 * Answers the toy's connect challenge: 16 bytes read from `rx`, the first choosing a key; the
 * other 15 XOR that key go back to `rx` with response. Toys without `rx` skip this.
 */
async function answerChallenge(hardware: Hardware): Promise<void> {
  const challenge = await hardware.read('rx', 16, 200);
  const key = CHALLENGE_KEYS[challenge[0] ?? -1];
  if (challenge.length < 16 || !key)
    throw new Error(
      `MonsterPub connect challenge is malformed (${challenge.length} bytes, key ${challenge[0] ?? 'none'})`,
    );
  const answer = key.map((k, i) => k ^ challenge[i + 1]!);
  await hardware.write('rx', Uint8Array.from(answer), true);
}

/** Every frame carries all motors: a newer frame replaces a waiting one (either endpoint). */

/**
 * Sistalk MonsterPub / Tracy's Dog: every motor's speed in one packet. The packet goes to
 * `txvibrate` when the toy has it, else `tx` (where all-zero goes to `txmode` with response
 * instead), else `generic0` with a leading 3 (Tracy's Dog three-motor toys).
 */
export const monsterpub: Protocol = {
  name: 'monsterpub',
  identify: identifyMonsterPub,
  create: async ({ hardware, device }) => {
    if (hardware.endpoints.includes('rx')) await answerChallenge(hardware);
    const has = (e: Endpoint) => hardware.endpoints.includes(e);
    const tx: Endpoint = has('txvibrate') ? 'txvibrate' : has('tx') ? 'tx' : 'generic0';
    const motors = new AllMotors('monsterpub/frame', motorFeatureIndexes(device));
    return {
      output: (cmd) => {
        const speeds =
          cmd.type === 'Vibrate' || cmd.type === 'Oscillate'
            ? motors.set(cmd.featureIndex, cmd.value & 0xff)
            : undefined;
        if (!speeds) return unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
        const data = tx === 'generic0' ? [3, ...speeds] : speeds;
        const stopping = speeds.every((s) => s === 0);
        return tx === 'tx' && stopping ? [motors.write('txmode', data, true)] : [motors.write(tx, data)];
      },
    };
  },
};
