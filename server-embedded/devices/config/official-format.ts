/**
 * Reads the official Buttplug device configuration format (v4; base and user files) into
 * plugkit's model. Every field is checked; a problem names the JSON path so the file can be fixed.
 */
import { didYouMean } from '../../nearest.js';
import {
  ValidationError,
  arrayOf,
  boolean,
  hasOwn,
  integer,
  isPlainObject,
  oneOf,
  string,
  u32,
  type Check,
} from '../../../sdk/protocol/checks.js';
import {
  INPUT_COMMANDS,
  OUTPUT_CONFIG_KEYS,
  type InputType,
  type OutputType,
  type Range,
} from '../../../sdk/protocol/index.js';
import type {
  CommunicationSpecifier,
  DeviceDatabaseData,
  DeviceDefinition,
  FeatureConfig,
  ProtocolConfig,
  UserConfigData,
  UserDeviceEntry,
  UserOutputOverride,
} from './model.js';

/** Thrown when a config file cannot be used; says which file and field. */
export class DeviceConfigError extends Error {
  override readonly name = 'DeviceConfigError';
}

/** Config output keys → v4 kinds (from the output-type table). */
export const OUTPUT_KEYS: Readonly<Record<string, OutputType>> = OUTPUT_CONFIG_KEYS;
export const INPUT_KEYS: Record<string, InputType> = {
  battery: 'Battery',
  rssi: 'Rssi',
  button: 'Button',
  pressure: 'Pressure',
  depth: 'Depth',
  position: 'Position',
};

const i64 = integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
const range: Check<Range> = (v, path) => {
  const r = arrayOf(i64)(v, path);
  if (r.length !== 2) throw new ValidationError(path, 'expected [min, max]');
  if (r[0]! > r[1]!) throw new ValidationError(path, `min ${r[0]} is above max ${r[1]}`);
  return [r[0]!, r[1]!];
};
const obj = (v: unknown, path: string): Record<string, unknown> => {
  if (!isPlainObject(v)) throw new ValidationError(path, 'expected an object');
  return v;
};
const opt = <T>(o: Record<string, unknown>, key: string, check: Check<T>, path: string): T | undefined =>
  o[key] === undefined ? undefined : check(o[key], `${path}.${key}`);
const req = <T>(o: Record<string, unknown>, key: string, check: Check<T>, path: string): T => {
  if (o[key] === undefined) throw new ValidationError(`${path}.${key}`, 'required field is missing');
  return check(o[key], `${path}.${key}`);
};

function readFeature(v: unknown, path: string): FeatureConfig {
  const f = obj(v, path);
  const feature: FeatureConfig = {
    index: req(f, 'index', u32, path),
    id: req(f, 'id', string, path),
    description: opt(f, 'description', string, path) ?? '',
    outputs: {},
    inputs: {},
  };
  if (f['output'] !== undefined) {
    const out = obj(f['output'], `${path}.output`);
    for (const [key, body] of Object.entries(out)) {
      const type = hasOwn(OUTPUT_KEYS, key) ? OUTPUT_KEYS[key] : undefined;
      const p = `${path}.output.${key}`;
      if (!type)
        throw new ValidationError(
          p,
          `unknown output type; expected one of ${Object.keys(OUTPUT_KEYS).join(', ')}`,
        );
      const b = obj(body, p);
      const duration = opt(b, 'duration', range, p);
      feature.outputs[type] = { range: req(b, 'value', range, p), ...(duration ? { duration } : {}) };
    }
  }
  if (f['input'] !== undefined) {
    const inp = obj(f['input'], `${path}.input`);
    for (const [key, body] of Object.entries(inp)) {
      const type = hasOwn(INPUT_KEYS, key) ? INPUT_KEYS[key] : undefined;
      const p = `${path}.input.${key}`;
      if (!type)
        throw new ValidationError(
          p,
          `unknown input type; expected one of ${Object.keys(INPUT_KEYS).join(', ')}`,
        );
      const b = obj(body, p);
      feature.inputs[type] = {
        ranges: req(b, 'value', arrayOf(range), p),
        commands: req(b, 'command', arrayOf(oneOf(INPUT_COMMANDS)), p),
      };
    }
  }
  return feature;
}

function readDefinition(v: unknown, path: string, inherit?: DeviceDefinition): DeviceDefinition {
  const d = obj(v, path);
  const features = opt(d, 'features', arrayOf(readFeature), path);
  const variant = opt(d, 'protocol_variant', string, path) ?? inherit?.protocolVariant;
  const gap = opt(d, 'message_gap_ms', u32, path) ?? inherit?.messageGapMs;
  return {
    id: opt(d, 'id', string, path) ?? inherit?.id ?? '',
    name: opt(d, 'name', string, path) ?? inherit?.name ?? '',
    identifiers: opt(d, 'identifier', arrayOf(string), path) ?? [],
    ...(variant !== undefined ? { protocolVariant: variant } : {}),
    ...(gap !== undefined ? { messageGapMs: gap } : {}),
    // A configuration takes the whole feature list from defaults when it has none (no merge).
    features: features ?? inherit?.features ?? [],
  };
}

const usbPairs = (v: unknown, path: string) => {
  const o = obj(v, path);
  return {
    pairs: req(
      o,
      'pairs',
      arrayOf((p, pp) => {
        const pair = obj(p, pp);
        return {
          vendorId: req(pair, 'vendor_id', integer(0, 0xffff), pp),
          productId: req(pair, 'product_id', integer(0, 0xffff), pp),
        };
      }),
      path,
    ),
  };
};

function readSpecifier(v: unknown, path: string): CommunicationSpecifier {
  const s = obj(v, path);
  const keys = Object.keys(s);
  if (keys.length !== 1)
    throw new ValidationError(path, 'expected exactly one bus key (btle, serial, hid, usb, websocket, …)');
  const bus = keys[0]!;
  const p = `${path}.${bus}`;
  switch (bus) {
    case 'btle': {
      const b = obj(s[bus], p);
      const services: Record<string, Record<string, string>> = {};
      for (const [uuid, eps] of Object.entries(
        obj(
          req(b, 'services', (x) => x, p),
          `${p}.services`,
        ),
      )) {
        const map: Record<string, string> = {};
        for (const [ep, ch] of Object.entries(obj(eps, `${p}.services.${uuid}`)))
          map[ep] = string(ch, `${p}.services.${uuid}.${ep}`).toLowerCase();
        services[uuid.toLowerCase()] = map;
      }
      const md = opt(
        b,
        'manufacturer_data',
        arrayOf((m, mp) => {
          const o = obj(m, mp);
          const data = opt(o, 'data', arrayOf(integer(0, 255)), mp);
          return { company: req(o, 'company', integer(0, 0xffff), mp), ...(data ? { data } : {}) };
        }),
        p,
      );
      const adv = opt(b, 'advertised_services', arrayOf(string), p);
      return {
        bus: 'btle',
        btle: {
          names: req(b, 'names', arrayOf(string), p),
          ...(md ? { manufacturerData: md } : {}),
          ...(adv ? { advertisedServices: adv.map((u) => u.toLowerCase()) } : {}),
          services,
        },
      };
    }
    case 'serial': {
      const o = obj(s[bus], p);
      return {
        bus: 'serial',
        serial: {
          port: req(o, 'port', string, p),
          baudRate: req(o, 'baud_rate', u32, p),
          dataBits: req(o, 'data_bits', integer(5, 8), p),
          stopBits: req(o, 'stop_bits', integer(1, 2), p),
          parity: req(o, 'parity', string, p),
        },
      };
    }
    case 'hid':
      return { bus: 'hid', hid: usbPairs(s[bus], p) };
    case 'usb':
      return { bus: 'usb', usb: usbPairs(s[bus], p) };
    case 'websocket':
      return { bus: 'websocket', websocket: { name: req(obj(s[bus], p), 'name', string, p) } };
    case 'xinput':
      return { bus: 'xinput' };
    case 'lovense_connect_service':
      return { bus: 'lovense_connect_service' };
    default:
      throw new ValidationError(p, 'unknown communication bus');
  }
}

function readVersion(root: Record<string, unknown>, file: string): { major: number; minor: number } {
  const v = obj(
    req(root, 'version', (x) => x, '$'),
    '$.version',
  );
  const version = { major: req(v, 'major', u32, '$.version'), minor: req(v, 'minor', u32, '$.version') };
  if (version.major !== 4)
    throw new DeviceConfigError(
      `${file}: config major version ${version.major} is not supported; plugkit reads version 4 files`,
    );
  return version;
}

const wrap = <T>(file: string, fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ValidationError) throw new DeviceConfigError(`${file}: ${err.path}: ${err.problem}`);
    throw err;
  }
};

const parseJson = (text: string, file: string): Record<string, unknown> => {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new DeviceConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!isPlainObject(root)) throw new DeviceConfigError(`${file}: expected a JSON object at the top`);
  return root;
};

function readProtocol(name: string, v: unknown, path: string): ProtocolConfig {
  const p = obj(v, path);
  const defaults =
    p['defaults'] === undefined ? undefined : readDefinition(p['defaults'], `${path}.defaults`);
  return {
    name,
    communication: opt(p, 'communication', arrayOf(readSpecifier), path) ?? [],
    ...(defaults ? { defaults } : {}),
    configurations:
      opt(
        p,
        'configurations',
        arrayOf((c, cp) => readDefinition(c, cp, defaults)),
        path,
      ) ?? [],
  };
}

/** Reads an official base device config (`buttplug-device-config-v4.json` format). */
export function readBaseConfig(text: string, file = 'device config'): DeviceDatabaseData {
  return wrap(file, () => {
    const root = parseJson(text, file);
    const version = readVersion(root, file);
    const protocols = obj(
      req(root, 'protocols', (x) => x, '$'),
      '$.protocols',
    );
    return {
      version,
      protocols: Object.entries(protocols).map(([name, body]) =>
        readProtocol(name, body, `$.protocols.${name}`),
      ),
    };
  });
}

function readUserDevice(v: unknown, path: string): UserDeviceEntry {
  const d = obj(v, path);
  const ident = obj(
    req(d, 'identifier', (x) => x, path),
    `${path}.identifier`,
  );
  const config = obj(
    req(d, 'config', (x) => x, path),
    `${path}.config`,
  );
  const cp = `${path}.config`;
  const uc = obj(
    req(config, 'user_config', (x) => x, cp),
    `${cp}.user_config`,
  );
  const ucp = `${cp}.user_config`;
  const identifier = opt(ident, 'identifier', string, `${path}.identifier`);
  const displayName = opt(uc, 'display_name', string, ucp);
  const gap = opt(uc, 'message_gap_ms', u32, ucp);
  const allowRaw = opt(uc, 'allow_raw', boolean, ucp);
  return {
    protocol: req(ident, 'protocol', string, `${path}.identifier`),
    ...(identifier !== undefined ? { identifier } : {}),
    address: req(ident, 'address', string, `${path}.identifier`),
    id: opt(config, 'id', string, cp) ?? '',
    baseId: req(config, 'base_id', string, cp),
    features:
      opt(
        config,
        'features',
        arrayOf((f, fp) => {
          const o = obj(f, fp);
          const outputs: Partial<Record<OutputType, UserOutputOverride>> = {};
          if (o['output'] !== undefined)
            for (const [key, body] of Object.entries(obj(o['output'], `${fp}.output`))) {
              const type = hasOwn(OUTPUT_KEYS, key) ? OUTPUT_KEYS[key] : undefined;
              const op = `${fp}.output.${key}`;
              if (!type) throw new ValidationError(op, 'unknown output type');
              const b = obj(body, op);
              const r = opt(b, 'value', range, op);
              const dis = opt(b, 'disabled', boolean, op);
              const rev = opt(b, 'reverse', boolean, op);
              const dur = opt(b, 'duration', range, op);
              outputs[type] = {
                ...(r ? { range: r } : {}),
                ...(dis !== undefined ? { disabled: dis } : {}),
                ...(rev !== undefined ? { reverse: rev } : {}),
                ...(dur ? { duration: dur } : {}),
              };
            }
          const description = opt(o, 'description', string, fp);
          return {
            id: opt(o, 'id', string, fp) ?? '',
            baseId: req(o, 'base_id', string, fp),
            ...(description !== undefined ? { description } : {}),
            outputs,
          };
        }),
        cp,
      ) ?? [],
    allow: opt(uc, 'allow', boolean, ucp) ?? false,
    deny: opt(uc, 'deny', boolean, ucp) ?? false,
    index: req(uc, 'index', u32, ucp),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(gap !== undefined ? { messageGapMs: gap } : {}),
    ...(allowRaw !== undefined ? { allowRaw } : {}),
  };
}

/**
 * A key the format does not have is most likely a typo that would otherwise be ignored in
 * silence (the settings under it never apply), so it is an error naming it.
 */
function onlyKnownKeys(o: unknown, known: readonly string[], path: string): void {
  if (!isPlainObject(o)) return;
  for (const key of Object.keys(o))
    if (!known.includes(key))
      throw new ValidationError(
        path === '$' ? `$.${key}` : `${path}.${key}`,
        `unknown key "${key}"${didYouMean(key, known, (k) => `"${k}"`)} (a user config has ${known.map((k) => `"${k}"`).join(' and ')} here)`,
      );
}

/**
 * Reads an official user device config. Bad device entries are skipped and reported through
 * `warn`, as the reference does, so one typo does not lose the rest of the file.
 */
export function readUserConfig(
  text: string,
  file = 'user device config',
  warn: (msg: string) => void = () => {},
): UserConfigData {
  return wrap(file, () => {
    const root = parseJson(text, file);
    onlyKnownKeys(root, ['version', 'user_configs'], '$');
    readVersion(root, file);
    const user = obj(
      req(root, 'user_configs', (x) => x, '$'),
      '$.user_configs',
    );
    onlyKnownKeys(user, ['protocols', 'devices'], '$.user_configs');
    const protocols =
      user['protocols'] === undefined ? {} : obj(user['protocols'], '$.user_configs.protocols');
    const devices: UserDeviceEntry[] = [];
    const list =
      user['devices'] === undefined ? [] : arrayOf((x) => x)(user['devices'], '$.user_configs.devices');
    list.forEach((entry, i) => {
      try {
        devices.push(readUserDevice(entry, `$.user_configs.devices[${i}]`));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        warn(`${file}: skipping ${err.path}: ${err.problem}`);
      }
    });
    return {
      protocols: Object.entries(protocols).map(([name, body]) => {
        const p = readProtocol(name, body, `$.user_configs.protocols.${name}`);
        return { name, communication: p.communication, configurations: p.configurations };
      }),
      devices,
    };
  });
}
