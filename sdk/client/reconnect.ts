import { PlugkitError } from '../protocol/index.js';

/** How a client re-opens a dropped network connection. */
export interface ReconnectOptions {
  /** Attempts before giving up (default 10). */
  attempts?: number;
  /** Wait before the first attempt, in ms (default 250). */
  initialDelayMs?: number;
  /** Longest wait between attempts, in ms (default 5000). */
  maxDelayMs?: number;
  /** Growth of the wait per attempt (default 2). */
  factor?: number;
}

/** The defaults of {@link ReconnectOptions}. */
export const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
  attempts: 10,
  initialDelayMs: 250,
  maxDelayMs: 5000,
  factor: 2,
};

const positive = (v: unknown, name: string, allowZero = false): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0))
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'BadOption',
      `reconnect.${name} must be a ${allowZero ? 'non-negative' : 'positive'} number; got ${String(v)}.`,
    );
  return v;
};

/** Checks reconnect options; `false` turns reconnecting off. */
export function reconnectPolicy(
  opt: boolean | ReconnectOptions | undefined,
): Required<ReconnectOptions> | false {
  if (opt === false) return false;
  if (opt === undefined || opt === true) return DEFAULT_RECONNECT;
  const p = { ...DEFAULT_RECONNECT, ...opt };
  return {
    attempts: Math.floor(positive(p.attempts, 'attempts')),
    initialDelayMs: positive(p.initialDelayMs, 'initialDelayMs', true),
    maxDelayMs: positive(p.maxDelayMs, 'maxDelayMs', true),
    factor: Math.max(1, positive(p.factor, 'factor')),
  };
}

/** Wait before attempt `n` (0-based): initial × factor^n, capped. */
export const backoffDelay = (p: Required<ReconnectOptions>, n: number): number =>
  Math.min(p.maxDelayMs, p.initialDelayMs * p.factor ** n);
