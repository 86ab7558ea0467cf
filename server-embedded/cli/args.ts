/**
 * Command-line parsing for `plugkit`, with Intiface Engine's flag names. Every flag is checked
 * here, so a typo or bad value ends with a message that names it, never with a stack trace.
 */
import { LOG_LEVELS, type Level } from '../log.js';

/** A bad command line; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Kind = 'flag' | 'string' | 'port' | 'uint' | 'list' | 'level';
interface FlagSpec {
  kind: Kind;
  help: string;
}

/** Flags of `plugkit serve`. */
export const SERVE_FLAGS = {
  'websocket-port': { kind: 'port', help: 'listen for Buttplug clients on this port (default 12345)' },
  'websocket-use-all-interfaces': { kind: 'flag', help: 'listen on all interfaces instead of 127.0.0.1' },
  'server-name': { kind: 'string', help: 'ServerName reported to clients (default "plugkit")' },
  'max-ping-time': { kind: 'uint', help: 'MaxPingTime in ms; 0 turns the ping watchdog off (default 0)' },
  'max-spec-version': { kind: 'uint', help: 'highest Buttplug spec version offered (default 4)' },
  'allow-raw-messages': {
    kind: 'flag',
    help: 'allow Raw* messages (spec v2/v3) for every device, not only allow_raw ones',
  },
  'device-config-file': { kind: 'string', help: 'replace the built-in device database (official v4 format)' },
  'user-device-config-file': { kind: 'string', help: 'user device config (official v4 user format)' },
  'use-bluetooth-le': { kind: 'flag', help: 'find toys over Bluetooth LE' },
  'use-serial': { kind: 'flag', help: 'find toys on serial ports' },
  'use-hid': { kind: 'flag', help: 'find toys over USB HID' },
  'use-usb': { kind: 'flag', help: 'find raw USB (not HID) toys through libusb' },
  'use-device-websocket-server': { kind: 'flag', help: 'accept Intiface-compatible WebSocket devices' },
  'use-lovense-dongle-serial': {
    kind: 'flag',
    help: 'find Lovense toys through the serial Lovense USB dongle',
  },
  'use-lovense-dongle-hid': { kind: 'flag', help: 'find Lovense toys through the HID Lovense USB dongle' },
  'device-websocket-server-port': {
    kind: 'port',
    help: 'port of the WebSocket device server (default 54817)',
  },
  simulate: {
    kind: 'list',
    help: 'add a simulated toy by advertised name (repeatable), e.g. "Massage Demo"',
  },
  log: { kind: 'level', help: `log level: ${[...LOG_LEVELS, 'off'].join(', ')} (default info)` },
} satisfies Record<string, FlagSpec>;

export type ServeFlagName = keyof typeof SERVE_FLAGS;

/** Parsed `serve` flags. */
export interface ServeArgs {
  websocketPort?: number;
  allInterfaces: boolean;
  serverName?: string;
  maxPingTime?: number;
  maxSpecVersion?: number;
  allowRawMessages: boolean;
  deviceConfigFile?: string;
  userDeviceConfigFile?: string;
  useBluetoothLe: boolean;
  useSerial: boolean;
  useHid: boolean;
  useUsb: boolean;
  useDeviceWebsocketServer: boolean;
  deviceWebsocketServerPort?: number;
  useLovenseDongleSerial: boolean;
  useLovenseDongleHid: boolean;
  simulate: string[];
  log: Level | 'off';
}

const parseUint = (name: string, raw: string, max: number): number => {
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} expects a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n > max) throw new UsageError(`--${name} must be at most ${max}, got ${n}`);
  return n;
};

/** Parses the arguments after `serve`. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const values = new Map<string, unknown>();
  const simulate: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"; flags start with --`);
    let name = arg.slice(2);
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = (SERVE_FLAGS as Record<string, FlagSpec>)[name];
    if (!spec) throw new UsageError(`unknown flag --${name}; see plugkit serve --help`);
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      values.set(name, true);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    switch (spec.kind) {
      case 'port': {
        const port = parseUint(name, raw, 65535);
        values.set(name, port);
        break;
      }
      case 'uint':
        values.set(name, parseUint(name, raw, 2 ** 31 - 1));
        break;
      case 'list':
        if (raw.trim() === '') throw new UsageError(`--${name} needs a non-empty name`);
        simulate.push(raw);
        break;
      case 'level':
        if (![...LOG_LEVELS, 'off'].includes(raw))
          throw new UsageError(`--log must be one of ${[...LOG_LEVELS, 'off'].join(', ')}, got "${raw}"`);
        values.set(name, raw);
        break;
      default:
        values.set(name, raw);
    }
  }
  const get = <T>(k: ServeFlagName) => values.get(k) as T | undefined;
  const spec = get<number>('max-spec-version');
  if (spec !== undefined && spec > 4) throw new UsageError(`--max-spec-version must be 0..4, got ${spec}`);
  const out: ServeArgs = {
    allInterfaces: values.has('websocket-use-all-interfaces'),
    allowRawMessages: values.has('allow-raw-messages'),
    useBluetoothLe: values.has('use-bluetooth-le'),
    useSerial: values.has('use-serial'),
    useHid: values.has('use-hid'),
    useUsb: values.has('use-usb'),
    useDeviceWebsocketServer: values.has('use-device-websocket-server'),
    useLovenseDongleSerial: values.has('use-lovense-dongle-serial'),
    useLovenseDongleHid: values.has('use-lovense-dongle-hid'),
    simulate,
    log: get<Level | 'off'>('log') ?? 'info',
  };
  const assign = <K extends keyof ServeArgs>(k: K, v: ServeArgs[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  assign('websocketPort', get<number>('websocket-port'));
  assign('serverName', get<string>('server-name'));
  assign('maxPingTime', get<number>('max-ping-time'));
  assign('maxSpecVersion', spec);
  assign('deviceConfigFile', get<string>('device-config-file'));
  assign('userDeviceConfigFile', get<string>('user-device-config-file'));
  assign('deviceWebsocketServerPort', get<number>('device-websocket-server-port'));
  return out;
}

/** Help text for `plugkit serve`. */
export function serveHelp(): string {
  const rows = Object.entries(SERVE_FLAGS).map(([name, s]) => {
    const arg =
      s.kind === 'flag'
        ? ''
        : s.kind === 'port' || s.kind === 'uint'
          ? ' N'
          : s.kind === 'level'
            ? ' LEVEL'
            : ' VALUE';
    return `  --${(name + arg).padEnd(36)} ${s.help}`;
  });
  return [
    'Usage: plugkit serve [flags]',
    '',
    'Runs a Buttplug server (spec v4 and older) on ws://127.0.0.1:12345.',
    '',
    'Flags:',
    ...rows,
  ].join('\n');
}
