import { firstValueFrom, filter, type Observable } from 'rxjs';
import type { Device, PlugkitClient } from '../../sdk/index.js';

/** Resolves with the device list once it has `n` devices (bounded by vitest's test timeout). */
export const waitForDevices = (client: PlugkitClient, n: number): Promise<readonly Device[]> =>
  firstValueFrom(client.devices$.pipe(filter((list) => list.length === n)));

/** Resolves once an observable emits a value matching `predicate`. */
export const waitFor = <T>(source: Observable<T>, predicate: (v: T) => boolean): Promise<T> =>
  firstValueFrom(source.pipe(filter(predicate)));

/** Captures the rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; reason?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
