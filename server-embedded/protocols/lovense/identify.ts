import type { Hardware } from '../../hardware/types.js';
import { ascii, type Identification, type ProtocolContext } from '../types.js';
import { NotificationInbox, decodeText } from '../support/notification-inbox.js';

/** How long one `DeviceType;` request waits for its answer (old serial dongles are slow). */
export const DEVICE_TYPE_WAIT_MS = 500;
/** Requests sent before giving up on an answer and guessing from the advertised name. */
export const DEVICE_TYPE_ATTEMPTS = 6;

/** Identifier used when neither the toy nor its name tells the model: the protocol defaults apply. */
export const UNKNOWN_MODEL = '';

/**
 * The model identifier from a `DeviceType;` answer such as `Z:11:0082059AD3BD;` (model letters,
 * firmware version, address). Flexers from firmware 3 on drive their motors separately, so they
 * get their own identifier. An answer without fields selects the protocol defaults.
 */
export function modelFromDeviceType(answer: string, log: ProtocolContext['log']): string {
  const fields = answer.trim().split(':');
  if (fields.length < 2) {
    log('warn', `DeviceType answer "${answer}" has no model/version fields; using the defaults`);
    return 'lovense';
  }
  const model = fields[0]!;
  const version = /^[+-]?\d+$/.test(fields[1]!) ? Number(fields[1]) : 0;
  log('info', `identified as model ${model}, firmware ${version}`);
  if (model === 'EI' && version >= 3) return 'EI-FW3';
  return model;
}

/** `LVS-Z36` → `Z`: the model letters most Lovense toys advertise in their name. */
export function modelFromName(name: string): string | undefined {
  return /LVS-([A-Z]+)\d+/.exec(name)?.[1];
}

/**
 * Asks the toy for its type: subscribe to `rx`, then send `DeviceType;` on `tx` every 500 ms
 * until something answers. The first answer decides. After six silent tries the model is
 * guessed from the advertised name, else the defaults are used.
 */
export async function identifyLovense(
  hardware: Hardware,
  log: ProtocolContext['log'],
): Promise<Identification> {
  const inbox = new NotificationInbox(hardware, 'rx');
  try {
    await hardware.subscribe('rx');
    for (let attempt = 0; attempt < DEVICE_TYPE_ATTEMPTS; attempt++) {
      await hardware.write('tx', ascii('DeviceType;'), false);
      const answer = await inbox.nextOrNone(DEVICE_TYPE_WAIT_MS);
      if (!answer) continue;
      const text = decodeText(answer);
      if (text === undefined) throw new Error('Lovense DeviceType answer is not UTF-8 text');
      log('debug', `DeviceType answer: ${text}`);
      return { identifier: modelFromDeviceType(text, log) };
    }
  } finally {
    inbox.close();
  }
  const guess = modelFromName(hardware.name);
  log(
    'warn',
    `no answer to DeviceType after ${DEVICE_TYPE_ATTEMPTS} tries; ${guess ? `model ${guess} from the name` : 'using the defaults'}`,
  );
  return { identifier: guess ?? UNKNOWN_MODEL };
}
