import { realClock, type Clock } from '../sdk/clock/index.js';

/** Log levels, most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type Level = (typeof LOG_LEVELS)[number];

/**
 * Where the server's diagnostics go. A logger may say which levels it keeps (`enabled`), so a
 * caller can skip building a line nobody reads (see {@link logs}).
 */
export type Logger = ((level: Level, message: string) => void) & {
  enabled?: (level: Level) => boolean;
};

/** Whether `log` keeps lines of `level` (true when the logger does not say). */
export const logs = (log: Logger, level: Level): boolean => log.enabled?.(level) ?? true;

/** A logger writing lines to stderr at or above `threshold`, stamped with `clock`'s time. */
export function consoleLogger(threshold: Level | 'off' = 'info', clock: Clock = realClock): Logger {
  if (threshold === 'off') return silentLogger;
  const max = LOG_LEVELS.indexOf(threshold);
  const enabled = (level: Level) => LOG_LEVELS.indexOf(level) <= max;
  return Object.assign(
    (level: Level, message: string) => {
      if (enabled(level))
        process.stderr.write(`${new Date(clock.now()).toISOString()} ${level.padEnd(5)} ${message}\n`);
    },
    { enabled },
  );
}

/** A logger that drops everything. */
export const silentLogger: Logger = Object.assign((_level: Level, _message: string) => {}, {
  enabled: () => false,
});
