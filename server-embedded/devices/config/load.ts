// fs.promises is read at call time: node:fs/promises costs ~2 ms to load, and serve starts without it.
import { readFileSync, promises as fsp } from 'node:fs';
import { DeviceDatabase } from './database.js';
import type { DeviceDatabaseData, ProtocolConfig } from './model.js';
import { DeviceConfigError, readBaseConfig, readUserConfig } from './official-format.js';

/**
 * Set by the CLI bundle (esbuild `define`): where the database files lie relative to the bundle.
 * Unset when running from the module tree, where they sit beside this file.
 */
declare const PLUGKIT_DEVICE_DB_DIR: string | undefined;
const dbDir = typeof PLUGKIT_DEVICE_DB_DIR === 'string' ? PLUGKIT_DEVICE_DB_DIR : './';
const BUILTIN_URL = new URL(`${dbDir}builtin-devices.json`, import.meta.url);
/** Written by `npm run build` (scripts/build.mjs): see {@link PrecomputedDatabase}. */
const PRECOMPUTED_URL = new URL(`${dbDir}builtin-devices.precomputed.json`, import.meta.url);
/** Written beside it: every protocol's definitions, read on the first lookup of any. */
const DEFINITIONS_URL = new URL(`${dbDir}builtin-devices.definitions.json`, import.meta.url);

/**
 * The built-in database as the build writes it: every protocol's communication rules (all a
 * scan's matching needs) as JSON, and its device definitions as JSON text of their own, parsed
 * the first time that protocol is looked up. Start-up then builds ~140 small objects instead of
 * the whole tree of ~730 device definitions. On disk the definitions are a second file (an array
 * of those texts, in protocol order), read only once a protocol is looked up.
 */
export interface PrecomputedDatabase {
  version: DeviceDatabaseData['version'];
  protocols: {
    name: string;
    communication: ProtocolConfig['communication'];
    /** JSON of `{ defaults?, configurations }`. */
    definitions: string;
  }[];
}

/** The start-up file: the precomputed database without the definitions. */
export type PrecomputedIndex = {
  version: PrecomputedDatabase['version'];
  protocols: Omit<PrecomputedDatabase['protocols'][number], 'definitions'>[];
};

/** Splits the precomputed form into the two files the build writes. */
export function splitPrecomputed(pre: PrecomputedDatabase): {
  index: PrecomputedIndex;
  definitions: string[];
} {
  return {
    index: {
      version: pre.version,
      protocols: pre.protocols.map((p) => ({ name: p.name, communication: p.communication })),
    },
    definitions: pre.protocols.map((p) => p.definitions),
  };
}

/** Turns the build's precomputed form back into database data, definitions parsed on first use. */
export function fromPrecomputed(pre: PrecomputedDatabase): DeviceDatabaseData {
  return lazyDatabase(pre, (i) => pre.protocols[i]!.definitions);
}

/** Database data whose protocols parse their definitions (`definitionsOf(i)`) when first read. */
function lazyDatabase(index: PrecomputedIndex, definitionsOf: (i: number) => string): DeviceDatabaseData {
  return {
    version: index.version,
    protocols: index.protocols.map((p, i): ProtocolConfig => {
      let parsed: Pick<ProtocolConfig, 'defaults' | 'configurations'> | undefined;
      const definitions = () =>
        (parsed ??= JSON.parse(definitionsOf(i)) as Pick<ProtocolConfig, 'defaults' | 'configurations'>);
      const out = { name: p.name, communication: p.communication } as ProtocolConfig;
      Object.defineProperty(out, 'defaults', { enumerable: true, get: () => definitions().defaults });
      Object.defineProperty(out, 'configurations', {
        enumerable: true,
        get: () => definitions().configurations,
      });
      return out;
    }),
  };
}

/** The precomputed form of database data (what the build writes). */
export function toPrecomputed(data: DeviceDatabaseData): PrecomputedDatabase {
  return {
    version: data.version,
    protocols: data.protocols.map((p) => ({
      name: p.name,
      communication: p.communication,
      definitions: JSON.stringify(
        p.defaults === undefined
          ? { configurations: p.configurations }
          : { defaults: p.defaults, configurations: p.configurations },
      ),
    })),
  };
}

let builtin: Promise<DeviceDatabaseData> | undefined;

const readBuiltin = async (): Promise<DeviceDatabaseData> => {
  try {
    // Read at once rather than in fs/promises' chunks: small local files, each read once per
    // process (the promise is kept), where the asynchronous read takes twice as long at start-up.
    const index = JSON.parse(readFileSync(PRECOMPUTED_URL, 'utf8')) as PrecomputedIndex;
    let definitions: string[] | undefined;
    return lazyDatabase(
      index,
      (i) => (definitions ??= JSON.parse(readFileSync(DEFINITIONS_URL, 'utf8')) as string[])[i]!,
    );
  } catch (err) {
    // Running from the source tree (tests, scripts): only the plain database is there.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return JSON.parse(await fsp.readFile(BUILTIN_URL, 'utf8')) as DeviceDatabaseData;
  }
};

/** plugkit's built-in device database (facts from the official Buttplug device config; see NOTICE). */
export function loadBuiltinDatabase(): Promise<DeviceDatabaseData> {
  // A failed read is not remembered: the next call tries again.
  builtin ??= readBuiltin().catch((err: unknown) => {
    builtin = undefined;
    throw err;
  });
  return builtin;
}

const readText = async (file: string, what: string): Promise<string> => {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    throw new DeviceConfigError(
      `cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
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
export async function loadDeviceDatabase(
  src: DatabaseSources,
  warn: (m: string) => void,
): Promise<DeviceDatabase> {
  let base: DeviceDatabaseData;
  if (src.deviceConfigText !== undefined) base = readBaseConfig(src.deviceConfigText);
  else if (src.deviceConfigFile)
    base = readBaseConfig(await readText(src.deviceConfigFile, 'device config file'), src.deviceConfigFile);
  else base = await loadBuiltinDatabase();
  const db = new DeviceDatabase(base, warn);
  for (const text of src.userDeviceConfigTexts ?? [])
    db.addUserConfig(readUserConfig(text, 'user device config', warn));
  for (const file of src.userDeviceConfigFiles ?? [])
    db.addUserConfig(readUserConfig(await readText(file, 'user device config file'), file, warn));
  return db;
}
