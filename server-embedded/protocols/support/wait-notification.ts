import { filter, firstValueFrom, map, race, take, timeout, timer, type Observable } from 'rxjs';
import type { Endpoint, Hardware } from '../../hardware/types.js';

/** Thrown when a toy does not answer a handshake step in time, or leaves while we wait. */
export class HandshakeTimeoutError extends Error {
  override readonly name = 'HandshakeTimeoutError';
}

/** Notifications on `endpoint` (any endpoint when omitted); errors if the device disconnects. */
function replies(hardware: Hardware, endpoint?: Endpoint): Observable<Uint8Array> {
  return race(
    hardware.notification$.pipe(
      filter((n) => endpoint === undefined || n.endpoint === endpoint),
      map((n) => n.data),
    ),
    hardware.disconnected$.pipe(
      map((): never => {
        throw new HandshakeTimeoutError('the device disconnected while a reply was awaited');
      }),
    ),
  );
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
    replies(hardware, endpoint).pipe(
      take(1),
      timeout({
        first: ms,
        with: () => {
          throw new HandshakeTimeoutError(`no answer to ${what} within ${ms} ms`);
        },
      }),
    ),
  );
  p.catch(() => {}); // the caller may not await it yet; it still sees the rejection when it does
  return p;
}

/**
 * Like {@link nextNotification}, for toys where silence is an answer too: resolves with the next
 * notification on `endpoint` (any endpoint when omitted), or undefined after `timeoutMs`.
 * Rejects only if the device disconnects meanwhile.
 */
export function nextReply(
  hardware: Hardware,
  timeoutMs: number,
  endpoint?: Endpoint,
): Promise<Uint8Array | undefined> {
  const p = firstValueFrom(
    race(replies(hardware, endpoint), timer(timeoutMs).pipe(map(() => undefined))).pipe(take(1)),
  );
  p.catch(() => {});
  return p;
}

/** Waits `ms` (handshakes that need the toy to settle). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
