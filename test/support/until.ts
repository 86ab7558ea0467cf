/**
 * The one polling wait of the test suites: for conditions on real processes, sockets and
 * ptys that no clock of ours drives (virtual-clock tests advance time instead).
 */
export function until(cond: () => boolean, timeoutMs?: number): Promise<void>;
export function until(cond: () => boolean, what: string, timeoutMs?: number): Promise<void>;
export async function until(
  cond: () => boolean,
  whatOrMs: string | number = 'the condition',
  timeoutMs = 5000,
): Promise<void> {
  const what = typeof whatOrMs === 'string' ? whatOrMs : 'the condition';
  const ms = typeof whatOrMs === 'number' ? whatOrMs : timeoutMs;
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Like {@link until}, but resolves to whether `cond` came true instead of throwing. */
export const eventually = (cond: () => boolean, timeoutMs = 3000): Promise<boolean> =>
  until(cond, timeoutMs).then(
    () => true,
    () => false,
  );
