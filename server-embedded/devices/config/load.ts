import { readFile } from 'node:fs/promises';
import { DeviceDatabase } from './database.js';
import type { DeviceDatabaseData } from './model.js';
import { DeviceConfigError, readBaseConfig, readUserConfig } from './official-format.js';

const BUILTIN_URL = new URL('./builtin-devices.json', import.meta.url);

let builtin: DeviceDatabaseData | undefined;

/** plugkit's built-in device database (facts from the official Buttplug device config; see NOTICE). */
export async function loadBuiltinDatabase(): Promise<DeviceDatabaseData> {
  builtin ??= JSON.parse(await readFile(BUILTIN_URL, 'utf8')) as DeviceDatabaseData;
  return builtin;
}

const readText = async (file: string, what: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new DeviceConfigError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
};

export interface DatabaseSources {
  /** Replaces the built-in base config (official v4 format). */
  deviceConfigFile?: string;
  /** User config files (official v4 user format), applied in order. */
  userDeviceConfigFiles?: string[];
  /** Already-read texts, for embedders without a file system. */
  deviceConfigText?: string;
  userDeviceConfigTexts?: string[];
}

/** Builds the device database from the built-in data or files; throws DeviceConfigError. */
export async function loadDeviceDatabase(src: DatabaseSources, warn: (m: string) => void): Promise<DeviceDatabase> {
  let base: DeviceDatabaseData;
  if (src.deviceConfigText !== undefined) base = readBaseConfig(src.deviceConfigText);
  else if (src.deviceConfigFile) base = readBaseConfig(await readText(src.deviceConfigFile, 'device config file'), src.deviceConfigFile);
  else base = await loadBuiltinDatabase();
  const db = new DeviceDatabase(base, warn);
  for (const text of src.userDeviceConfigTexts ?? []) db.addUserConfig(readUserConfig(text, 'user device config', warn));
  for (const file of src.userDeviceConfigFiles ?? [])
    db.addUserConfig(readUserConfig(await readText(file, 'user device config file'), file, warn));
  return db;
}
