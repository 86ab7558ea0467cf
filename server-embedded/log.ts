import { realClock, type Clock } from '../sdk/clock/index.js';

/** Log levels, most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type Level = (typeof LOG_LEVELS)[number];

/**
 * Where the server's diagnostics go. A logger may say which levels it keeps (`enabled`), so a
 * caller can skip building a line nobody reads (see `logs`).
 */
export type Logger = ((level: Level, message: string) => void) & {
  enabled?: (level: Level) => boolean;
};

/** Whether `log` keeps lines of `level` (true when the logger does not say). */
export const logs = (log: Logger, level: Level): boolean => log.enabled?.(level) ?? true;

/** Node's stderr when there is one; browsers have no `process`, so lines go to the console there. */
const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process?.stderr;

/** A logger writing lines to stderr (the console in a browser) at or above `threshold`, stamped with `clock`'s time. */
export function consoleLogger(threshold: Level | 'off' = 'info', clock: Clock = realClock): Logger {
  if (threshold === 'off') return silentLogger;
  const max = LOG_LEVELS.indexOf(threshold);
  const enabled = (level: Level) => LOG_LEVELS.indexOf(level) <= max;
  return Object.assign(
    (level: Level, message: string) => {
      if (!enabled(level)) return;
      const line = `${new Date(clock.now()).toISOString()} ${level.padEnd(5)} ${message}`;
      if (stderr) stderr.write(`${line}\n`);
      else console.error(line);
    },
    { enabled },
  );
}

/** A logger that drops everything. */
export const silentLogger: Logger = Object.assign((_level: Level, _message: string) => {}, {
  enabled: () => false,
});
