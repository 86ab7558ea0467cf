/**
 * Device protocol test cases (the YAML format of the reference's device tests): which simulated
 * toys to present, the init exchange, client messages, the exact hardware commands expected and
 * the notifications/read replies the toy sends back. Parsed and checked here with readable errors.
 */
import { parseDocument, type YAMLError } from 'yaml';
import { didYouMean } from '../nearest.js';
import {
  ValidationError,
  arrayOf,
  boolean,
  integer,
  isPlainObject,
  number,
  string,
  u32,
  unit,
  type Check,
} from '../../sdk/protocol/checks.js';

const TAGS = [
  'Messages',
  'Commands',
  'Events',
  'VersionGated',
  'NoCommands',
  'Vibrate',
  'Scalar',
  'Rotate',
  'Linear',
  'Battery',
  'Stop',
  'RSSI',
  'Write',
  'Read',
  'Subscribe',
  'Unsubscribe',
  'Notifications',
  'Reads',
] as const;
type Tag = (typeof TAGS)[number];
interface Tagged {
  $tag: Tag;
  value: unknown;
}

/** A client message of a case, in spec v1–v3 terms. */
export type CaseMessage =
  | { kind: 'Vibrate'; speeds: { index: number; speed: number }[] }
  | { kind: 'Scalar'; scalars: { index: number; scalar: number; actuatorType: string }[] }
  | { kind: 'Rotate'; rotations: { index: number; speed: number; clockwise: boolean }[] }
  | { kind: 'Linear'; vectors: { index: number; duration: number; position: number }[] }
  | { kind: 'Battery'; expectedPower: number; runAsync: boolean }
  | { kind: 'RSSI'; expectedLevel?: number }
  | { kind: 'Stop' };

/** A hardware command the server must issue. */
export type ExpectedCommand =
  | { kind: 'write'; endpoint: string; data: number[]; withResponse: boolean }
  | { kind: 'read'; endpoint: string }
  | { kind: 'subscribe'; endpoint: string }
  | { kind: 'unsubscribe'; endpoint: string };

/** Something the simulated toy does. */
export type CaseEvent =
  | { kind: 'notification'; endpoint: string; data: number[] }
  | { kind: 'read-reply'; endpoint: string; data: number[] };

export type CaseStep =
  | { kind: 'messages'; deviceIndex: number; messages: CaseMessage[] }
  | { kind: 'commands'; deviceIndex: number; commands: ExpectedCommand[] }
  | { kind: 'events'; deviceIndex: number; events: CaseEvent[] }
  | { kind: 'no-commands'; deviceIndex: number }
  | { kind: 'version-gated'; minSpecVersion: number; steps: CaseStep[] };

export interface CaseDevice {
  name: string;
  address?: string;
  expectedName: string;
  expectedDisplayName?: string;
}

/** One parsed test case. */
export interface DeviceTestCase {
  devices: CaseDevice[];
  deviceConfigFile?: string;
  userDeviceConfigFile?: string;
  init: CaseStep[];
  steps: CaseStep[];
}

/** A case file that cannot be used; says where. */
export class CaseFormatError extends Error {
  override readonly name = 'CaseFormatError';
}

const customTags = TAGS.flatMap((tag) => [
  {
    tag: `!${tag}`,
    collection: 'map' as const,
    resolve: (v: { toJSON(): unknown }) => ({ $tag: tag, value: v.toJSON() }),
  },
  {
    tag: `!${tag}`,
    collection: 'seq' as const,
    resolve: (v: { toJSON(): unknown }) => ({ $tag: tag, value: v.toJSON() }),
  },
  { tag: `!${tag}`, resolve: (s: string) => ({ $tag: tag, value: s }) },
]);

const obj = (v: unknown, path: string): Record<string, unknown> => {
  if (!isPlainObject(v)) throw new ValidationError(path, 'expected a mapping');
  return v;
};
const field = <T>(o: Record<string, unknown>, key: string, check: Check<T>, path: string): T => {
  if (!(key in o)) throw new ValidationError(`${path}.${key}`, 'required field is missing');
  return check(o[key], `${path}.${key}`);
};
const tagged = (v: unknown, path: string, allowed: readonly Tag[]): Tagged => {
  if (!isPlainObject(v) || typeof v['$tag'] !== 'string')
    throw new ValidationError(path, `expected a tagged entry (${allowed.map((t) => '!' + t).join(', ')})`);
  const t = v as unknown as Tagged;
  if (!allowed.includes(t.$tag))
    throw new ValidationError(
      path,
      `!${t.$tag} is not allowed here; expected ${allowed.map((x) => '!' + x).join(', ')}`,
    );
  return t;
};
const byte = integer(0, 255);
const bytes = arrayOf(byte);

function readMessage(v: unknown, path: string): CaseMessage {
  const t = tagged(v, path, ['Vibrate', 'Scalar', 'Rotate', 'Linear', 'Battery', 'Stop', 'RSSI']);
  const p = `${path}(!${t.$tag})`;
  const list = <T>(item: (o: Record<string, unknown>, ip: string) => T) =>
    arrayOf((x, ip) => item(obj(x, ip), ip), 1)(t.value, p);
  switch (t.$tag) {
    case 'Vibrate':
      return {
        kind: 'Vibrate',
        speeds: list((o, ip) => ({ index: field(o, 'Index', u32, ip), speed: field(o, 'Speed', unit, ip) })),
      };
    case 'Scalar':
      return {
        kind: 'Scalar',
        scalars: list((o, ip) => ({
          index: field(o, 'Index', u32, ip),
          scalar: field(o, 'Scalar', unit, ip),
          actuatorType: field(o, 'ActuatorType', string, ip),
        })),
      };
    case 'Rotate':
      return {
        kind: 'Rotate',
        rotations: list((o, ip) => ({
          index: field(o, 'Index', u32, ip),
          speed: field(o, 'Speed', unit, ip),
          clockwise: field(o, 'Clockwise', boolean, ip),
        })),
      };
    case 'Linear':
      return {
        kind: 'Linear',
        vectors: list((o, ip) => ({
          index: field(o, 'Index', u32, ip),
          duration: field(o, 'Duration', u32, ip),
          position: field(o, 'Position', unit, ip),
        })),
      };
    case 'Battery': {
      const o = obj(t.value, p);
      return {
        kind: 'Battery',
        expectedPower: field(o, 'expected_power', unit, p),
        runAsync: o['run_async'] === true,
      };
    }
    case 'RSSI': {
      const o = isPlainObject(t.value) ? t.value : {};
      const level = o['expected_signal'] ?? o['expected_level'];
      return {
        kind: 'RSSI',
        ...(level !== undefined ? { expectedLevel: number(-1000, 1000)(level, p) } : {}),
      };
    }
    default:
      return { kind: 'Stop' };
  }
}

function readCommand(v: unknown, path: string): ExpectedCommand {
  const t = tagged(v, path, ['Write', 'Read', 'Subscribe', 'Unsubscribe']);
  const p = `${path}(!${t.$tag})`;
  const o = obj(t.value, p);
  const endpoint = field(o, 'endpoint', string, p);
  switch (t.$tag) {
    case 'Write':
      return {
        kind: 'write',
        endpoint,
        data: field(o, 'data', bytes, p),
        withResponse: field(o, 'write_with_response', boolean, p),
      };
    case 'Read':
      return { kind: 'read', endpoint };
    case 'Subscribe':
      return { kind: 'subscribe', endpoint };
    default:
      return { kind: 'unsubscribe', endpoint };
  }
}

function readEvents(v: unknown, path: string): CaseEvent[] {
  const t = tagged(v, path, ['Notifications', 'Reads']);
  const kind = t.$tag === 'Notifications' ? 'notification' : 'read-reply';
  return arrayOf((x, ip) => {
    const o = obj(x, ip);
    return {
      kind,
      endpoint: field(o, 'endpoint', string, ip),
      data: field(o, 'data', bytes, ip),
    } as CaseEvent;
  })(t.value, `${path}(!${t.$tag})`);
}

function readStep(v: unknown, path: string): CaseStep {
  const t = tagged(v, path, ['Messages', 'Commands', 'Events', 'VersionGated', 'NoCommands']);
  const p = `${path}(!${t.$tag})`;
  const o = isPlainObject(t.value) ? t.value : {};
  const deviceIndex = () => field(o, 'device_index', u32, p);
  switch (t.$tag) {
    case 'Messages':
      return {
        kind: 'messages',
        deviceIndex: deviceIndex(),
        messages: field(o, 'messages', arrayOf(readMessage), p),
      };
    case 'Commands':
      return {
        kind: 'commands',
        deviceIndex: deviceIndex(),
        commands: field(o, 'commands', arrayOf(readCommand), p),
      };
    case 'Events':
      return {
        kind: 'events',
        deviceIndex: deviceIndex(),
        events: field(o, 'events', arrayOf(readEvents), p).flat(),
      };
    case 'NoCommands':
      return { kind: 'no-commands', deviceIndex: deviceIndex() };
    default:
      return {
        kind: 'version-gated',
        minSpecVersion: field(o, 'min_spec_version', integer(0, 4), p),
        steps: field(o, 'commands', arrayOf(readStep), p),
      };
  }
}

/**
 * One YAML problem as a person reads it: the parser's whole message (position and the excerpt
 * with a caret), and for a misspelt tag the nearest known one.
 */
function describeYamlProblem(e: YAMLError): string {
  const message = e.message.trimEnd();
  if (e.code !== 'TAG_RESOLVE_FAILED') return message;
  const tag = /Unresolved tag: !?(\S+)/.exec(message)?.[1] ?? '';
  const hint = didYouMean(tag, TAGS, (t) => '!' + t) || `; known tags: ${TAGS.map((t) => '!' + t).join(' ')}`;
  return message.replace(
    /^Unresolved tag: (\S+)(.*?):?$/m,
    (_, name: string, at: string) => `unknown tag ${name}${at}${hint}`,
  );
}

/** Parses a case file's text; throws CaseFormatError naming the file and field. */
export function parseCase(text: string, file: string): DeviceTestCase {
  // Warnings (an unknown tag, …) would otherwise go to process.emitWarning as a raw Node warning;
  // here each is an error of the case, since a case with an unknown tag cannot run as written.
  const parsed = parseDocument(text, { customTags, logLevel: 'silent' });
  const problems = [...parsed.errors, ...parsed.warnings];
  if (problems.length)
    throw new CaseFormatError(
      `${file}: not a valid case file:\n${problems.map((e) => describeYamlProblem(e).replace(/^/gm, '  ')).join('\n')}`,
    );
  const doc: unknown = parsed.toJS();
  try {
    const root = obj(doc, '$');
    const devices = field(
      root,
      'devices',
      arrayOf((d, dp) => {
        const o = obj(d, dp);
        const id = obj(
          field(o, 'identifier', (x) => x, dp),
          `${dp}.identifier`,
        );
        const address =
          id['address'] === undefined ? undefined : string(id['address'], `${dp}.identifier.address`);
        const display =
          o['expected_display_name'] === undefined
            ? undefined
            : string(o['expected_display_name'], `${dp}.expected_display_name`);
        return {
          name: field(id, 'name', string, `${dp}.identifier`),
          ...(address !== undefined ? { address } : {}),
          expectedName: field(o, 'expected_name', string, dp),
          ...(display !== undefined ? { expectedDisplayName: display } : {}),
        };
      }, 1),
      '$',
    );
    const opt = (k: string) =>
      root[k] === undefined || root[k] === null ? undefined : string(root[k], `$.${k}`);
    const steps = (k: string) =>
      root[k] === undefined || root[k] === null ? [] : arrayOf(readStep)(root[k], `$.${k}`);
    const deviceConfigFile = opt('device_config_file') ?? opt('base_device_config_file');
    const userDeviceConfigFile = opt('user_device_config_file');
    return {
      devices,
      ...(deviceConfigFile ? { deviceConfigFile } : {}),
      ...(userDeviceConfigFile ? { userDeviceConfigFile } : {}),
      init: steps('device_init'),
      steps: steps('device_commands'),
    };
  } catch (err) {
    if (err instanceof ValidationError) throw new CaseFormatError(`${file}: ${err.path}: ${err.problem}`);
    throw err;
  }
}
