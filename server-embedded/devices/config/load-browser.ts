/**
 * The device database without a file system, for web pages. The browser bundle
 * (scripts/bundle-page.mjs) swaps this file in for load.ts, whose exports it mirrors: the built-in
 * database is bundled into the page, config texts work, config files cannot be read.
 */
import builtinJson from './builtin-devices.json' with { type: 'json' };
import { DeviceDatabase } from './database.js';
import type { DatabaseSources } from './load.js';
import type { DeviceDatabaseData } from './model.js';
import { DeviceConfigError, readBaseConfig, readUserConfig } from './official-format.js';

export type { DatabaseSources };

/** plugkit's built-in device database (facts from the official Buttplug device config; see NOTICE). */
export async function loadBuiltinDatabase(): Promise<DeviceDatabaseData> {
  return builtinJson as unknown as DeviceDatabaseData;
}

/** Builds the device database from the built-in data or config texts; throws DeviceConfigError. */
export async function loadDeviceDatabase(
  src: DatabaseSources,
  warn: (m: string) => void,
): Promise<DeviceDatabase> {
  const files = [
    ...(src.deviceConfigFile ? [src.deviceConfigFile] : []),
    ...(src.userDeviceConfigFiles ?? []),
  ];
  if (files.length)
    throw new DeviceConfigError(
      `a web page cannot read config files (${files.join(', ')}): pass their contents as deviceConfigText / userDeviceConfigTexts`,
    );
  const base =
    src.deviceConfigText !== undefined ? readBaseConfig(src.deviceConfigText) : await loadBuiltinDatabase();
  const db = new DeviceDatabase(base, warn);
  for (const text of src.userDeviceConfigTexts ?? [])
    db.addUserConfig(readUserConfig(text, 'user device config', warn));
  return db;
}
