import { realClock, type Clock } from '../sdk/clock/index.js';

/** Log levels, most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type Level = (typeof LOG_LEVELS)[number];

/** Where the server's diagnostics go. */
export type Logger = (level: Level, message: string) => void;

/** A logger writing lines to stderr at or above `threshold`, stamped with `clock`'s time. */
export function consoleLogger(threshold: Level | 'off' = 'info', clock: Clock = realClock): Logger {
  if (threshold === 'off') return () => {};
  const max = LOG_LEVELS.indexOf(threshold);
  return (level, message) => {
    if (LOG_LEVELS.indexOf(level) <= max)
      process.stderr.write(`${new Date(clock.now()).toISOString()} ${level.padEnd(5)} ${message}\n`);
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = () => {};
