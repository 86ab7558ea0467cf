import { filter, firstValueFrom, map, race, take, timer } from 'rxjs';
import type { Endpoint, Hardware } from '../hardware/types.js';

/** A handshake reply that did not come in time (or the toy left while we waited). */
export class ReplyLostError extends Error {
  override readonly name = 'ReplyLostError';
}

/**
 * The next notification on `endpoint` (any endpoint when omitted), or undefined after
 * `timeoutMs`. Rejects if the device disconnects meanwhile. Subscribe to the endpoint first;
 * call this before the write that provokes the reply so a fast answer is not missed.
 */
export function nextReply(
  hardware: Hardware,
  timeoutMs: number,
  endpoint?: Endpoint,
): Promise<Uint8Array | undefined> {
  return firstValueFrom(
    race(
      hardware.notification$.pipe(
        filter((n) => endpoint === undefined || n.endpoint === endpoint),
        map((n) => n.data),
      ),
      timer(timeoutMs).pipe(map(() => undefined)),
      hardware.disconnected$.pipe(
        map(() => {
          throw new ReplyLostError('the device disconnected while a reply was awaited');
        }),
      ),
    ).pipe(take(1)),
  );
}

/** Waits `ms` (handshakes that need the toy to settle). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
