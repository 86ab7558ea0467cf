import { PlugkitError } from '../../../sdk/protocol/index.js';
import type { Hardware } from '../../hardware/types.js';
import { ascii, type ProtocolContext } from '../types.js';
import { NotificationInbox, decodeText } from '../support/notification-inbox.js';

/** How long a battery read waits for the toy's answer. */
export const BATTERY_WAIT_MS = 5000;

/**
 * The level in a battery answer: `85;`, or `s85;` while the toy is running. Undefined for
 * anything else (other notifications share the rx endpoint).
 */
export function parseBatteryAnswer(text: string): number | undefined {
  const m = /^s?(\d{1,3});$/.exec(text.trim());
  if (!m) return undefined;
  const level = Number(m[1]);
  return level <= 100 ? level : undefined;
}

/** Sends `Battery;` and waits for the level notification on rx. */
export async function readLovenseBattery(
  hardware: Hardware,
  log: ProtocolContext['log'],
  waitMs = BATTERY_WAIT_MS,
): Promise<number> {
  const inbox = new NotificationInbox(hardware, 'rx');
  try {
    await hardware.write('tx', ascii('Battery;'), false);
    const deadline = Date.now() + waitMs;
    for (let left = waitMs; left > 0; left = deadline - Date.now()) {
      const data = await inbox.nextOrNone(left);
      if (!data) break;
      const text = decodeText(data);
      const level = text === undefined ? undefined : parseBatteryAnswer(text);
      if (level !== undefined) return level;
      log('warn', `ignoring rx notification while reading the battery: ${text ?? '(not text)'}`);
    }
  } catch (err) {
    throw new PlugkitError(
      'ERROR_DEVICE',
      'DeviceCommunicationError',
      `Lovense battery read failed: ${(err as Error).message}`,
    );
  } finally {
    inbox.close();
  }
  throw new PlugkitError(
    'ERROR_DEVICE',
    'DeviceCommunicationError',
    `The Lovense toy did not report its battery level within ${waitMs} ms.`,
  );
}
