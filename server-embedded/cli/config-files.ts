/**
 * Device config files named on the command line, checked before the server starts so that a
 * wrong path or a broken file gets a message a person can act on (what to do, line and column).
 */
// fs.promises is read at call time: node:fs/promises costs ~2 ms to load, and serve starts without it.
import { promises as fsp } from 'node:fs';
import type { DeviceDatabase } from '../devices/config/database.js';
import { loadDeviceDatabase } from '../devices/config/load.js';
import { UsageError } from './usage-error.js';

/** The smallest valid user device config, offered when the file is missing. */
const EMPTY_USER_CONFIG = '{"version":{"major":4,"minor":0},"user_configs":{}}';

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where JSON.parse gave up, as "line L, column C". Node 20 reports only "position N" (newer
 * engines add the line themselves); an unexpected end is the end of the text.
 */
export function jsonErrorWhere(text: string, err: Error): string {
  const lc = /line (\d+) column (\d+)/.exec(err.message);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(err.message);
  const offset = pos ? Number(pos[1]) : text.length;
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/** Reads one config file and checks it is JSON; throws {@link UsageError} saying what to do. */
export async function checkConfigFile(file: string, flagName: string): Promise<void> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const fix =
      flagName === '--user-device-config-file'
        ? `check the path, leave out ${flagName}, or create it; the smallest valid file is ${EMPTY_USER_CONFIG}`
        : `check the path, or leave out ${flagName} to use the built-in device database`;
    if (code === 'ENOENT') throw new UsageError(`${flagName} ${file}: no such file; ${fix}`);
    if (code === 'EISDIR') throw new UsageError(`${flagName} ${file}: is a folder, not a file; ${fix}`);
    throw new UsageError(`${flagName} ${file}: cannot read it (${code ?? (err as Error).message})`);
  }
  try {
    JSON.parse(text);
  } catch (err) {
    const reason = (err as Error).message.replace(/ in JSON at position \d+.*$/, '');
    throw new UsageError(
      `${flagName} ${file}: not valid JSON at ${jsonErrorWhere(text, err as Error)}: ${reason}`,
    );
  }
}

/** Config sources as the CLI flags give them. */
export interface ConfigFlags {
  deviceConfigFile?: string | undefined;
  userDeviceConfigFile?: string | undefined;
}

/** Checks the named files, then loads the database the server will use (warnings dropped: the server repeats them). */
export async function loadConfiguredDatabase(flags: ConfigFlags): Promise<DeviceDatabase> {
  if (flags.deviceConfigFile !== undefined)
    await checkConfigFile(flags.deviceConfigFile, '--device-config-file');
  if (flags.userDeviceConfigFile !== undefined)
    await checkConfigFile(flags.userDeviceConfigFile, '--user-device-config-file');
  return loadDeviceDatabase(
    {
      ...(flags.deviceConfigFile !== undefined ? { deviceConfigFile: flags.deviceConfigFile } : {}),
      ...(flags.userDeviceConfigFile !== undefined
        ? { userDeviceConfigFiles: [flags.userDeviceConfigFile] }
        : {}),
    },
    () => {},
  );
}
