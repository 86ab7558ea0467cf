import { realClock, type Clock } from '../sdk/clock/index.js';

/** Log levels, most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type Level = (typeof LOG_LEVELS)[number];

/** Where the server's diagnostics go. */
export type Logger = (level: Level, message: string) => void;

/** Node's stderr when there is one; browsers have no `process`, so lines go to the console there. */
const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process?.stderr;

/** A logger writing lines to stderr (the console in a browser) at or above `threshold`, stamped with `clock`'s time. */
export function consoleLogger(threshold: Level | 'off' = 'info', clock: Clock = realClock): Logger {
  if (threshold === 'off') return () => {};
  const max = LOG_LEVELS.indexOf(threshold);
  return (level, message) => {
    if (LOG_LEVELS.indexOf(level) > max) return;
    const line = `${new Date(clock.now()).toISOString()} ${level.padEnd(5)} ${message}`;
    if (stderr) stderr.write(`${line}\n`);
    else console.error(line);
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = () => {};
