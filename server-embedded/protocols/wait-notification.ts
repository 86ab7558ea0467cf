import { filter, firstValueFrom, take, timeout } from 'rxjs';
import type { Endpoint, Hardware } from '../hardware/types.js';

/** Thrown when a toy does not answer a handshake step in time. */
export class HandshakeTimeoutError extends Error {
  override readonly name = 'HandshakeTimeoutError';
}

/**
 * Starts listening for the next notification on `endpoint` (call before writing the request, so
 * a fast answer is not missed) and returns a promise of its bytes. Rejects with a
 * HandshakeTimeoutError after `ms`, or if the device goes away first.
 */
export function nextNotification(
  hardware: Hardware,
  endpoint: Endpoint,
  ms: number,
  what: string,
): Promise<Uint8Array> {
  const p = firstValueFrom(
    hardware.notification$.pipe(
      filter((n) => n.endpoint === endpoint),
      take(1),
      timeout({
        first: ms,
        with: () => {
          throw new HandshakeTimeoutError(`no answer to ${what} within ${ms} ms`);
        },
      }),
    ),
  ).then((n) => n.data);
  p.catch(() => {}); // the caller may not await it yet; it still sees the rejection when it does
  return p;
}
