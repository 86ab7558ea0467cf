import type { Endpoint, Hardware } from '../../hardware/types.js';
import { NotificationInbox } from '../support/notification-inbox.js';
import type { ProtocolContext } from '../types.js';

/** How long one step of the pairing may take; the user may need to press the power button. */
const STEP_TIMEOUT_MS = 30_000;
/** Passwords echoed before we give up on a toy that never says it is authorised. */
const MAX_PASSWORDS = 5;

/** How a Lelo model words the two fixed answers of its pairing exchange. */
export interface LeloAuthRules {
  /** The toy is waiting for the user to press its power button. */
  unauthorised(data: Uint8Array): boolean;
  /** The toy accepted us. */
  authorised(data: Uint8Array): boolean;
}

/**
 * The pairing exchange of newer Lelo toys: subscribe to the security characteristic; the toy
 * answers "not authorised" (press the power button), "authorised", or a password that must be
 * written back (unsubscribed, with response) before subscribing again.
 */
export async function leloAuthorise(
  hardware: Hardware,
  endpoint: Endpoint,
  rules: LeloAuthRules,
  log: ProtocolContext['log'],
): Promise<void> {
  const inbox = new NotificationInbox(hardware, endpoint);
  try {
    await hardware.subscribe(endpoint);
    for (let passwords = 0; ; ) {
      const data = await inbox.next(STEP_TIMEOUT_MS, 'the pairing request');
      if (rules.unauthorised(data)) {
        log('info', "not authorised yet: press the toy's power button to finish connecting");
      } else if (rules.authorised(data)) {
        log('debug', 'authorised');
        return;
      } else {
        if (++passwords > MAX_PASSWORDS)
          throw new Error(`pairing failed: still no authorisation after ${MAX_PASSWORDS} passwords`);
        log('debug', `echoing password ${[...data].join(',')}`);
        await hardware.unsubscribe(endpoint);
        await hardware.write(endpoint, data, true);
        await hardware.subscribe(endpoint);
      }
    }
  } finally {
    inbox.close();
  }
}
