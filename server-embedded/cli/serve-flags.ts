/**
 * The flags of `plugkit serve`: Intiface Engine's names (so plugkit drops in where the engine
 * ran) plus plugkit's own. To add a flag, add one entry here; it is parsed, validated, typed as
 * `ServeArgs.<camelName>` and listed in the help. This module stays light (no server imports)
 * because `main` reads it to recognise engine-style command lines without a subcommand.
 */
import { LOG_LEVELS, type Level } from '../log.js';
import { check, flag, flagHelp, parseFlags, type FlagValues, type ParsedFlags } from './flags.js';
import { UsageError } from './usage-error.js';

const LEVEL_NAMES = [...LOG_LEVELS, 'off'] as const;

/**
 * A log level, case-insensitive (`INFO` works, as in Intiface Engine). The engine's tracing levels
 * also accept 1 (error) … 5 (trace), so those work too.
 */
const parseLevel = (raw: string, name: string): Level | 'off' => {
  const lower = raw.toLowerCase();
  const byName = LEVEL_NAMES.find((l) => l === lower);
  if (byName) return byName;
  if (/^[1-5]$/.test(raw)) return LOG_LEVELS[Number(raw) - 1]!;
  throw new UsageError(`${name} must be one of ${LEVEL_NAMES.join(', ')} (any case), got "${raw}"`);
};

/**
 * A browser origin as sent in the `Origin` header: scheme://host[:port], `*` for any, or `null`
 * (what file:// pages send). A path or a trailing slash is refused rather than silently cut, so
 * a pasted page URL is noticed.
 */
const parseOrigin = (raw: string, name: string): string => {
  if (raw === '*' || raw === 'null') return raw;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    /* reported below */
  }
  if (!url || url.origin === 'null' || url.origin !== raw.toLowerCase())
    throw new UsageError(
      `${name} expects an origin like http://localhost:8080 (scheme, host and optional port; no path), or * for any, got "${raw}"`,
    );
  return url.origin;
};

const NOT_HERE = {
  xinput: 'plugkit has no XInput (Windows gamepad) backend',
  lovenseConnect: 'plugkit has no Lovense Connect backend; use --use-bluetooth-le or a Lovense dongle flag',
  frontend: 'plugkit has no Intiface Central frontend channel; status lines go to stdout, logs to stderr',
  mdns: 'plugkit does not announce itself over mDNS; clients connect to the printed ws:// address',
  crash: 'plugkit sends no crash reports',
  debugCrash: 'a debug-build test switch of Intiface Engine',
  repeaterOnly: 'only used by Intiface Engine repeater mode, which plugkit does not have',
  ipc: 'plugkit has no IPC pipe to Intiface Central; status lines go to stdout, logs to stderr',
};

/** Flags of `plugkit serve`. */
export const SERVE_FLAGS = {
  'websocket-port': flag.value({
    arg: 'N',
    parse: check.port,
    default: 12345,
    help: 'listen for Buttplug clients on this port',
  }),
  'websocket-use-all-interfaces': flag.switch('listen on all interfaces instead of 127.0.0.1'),
  'server-name': flag.value({
    arg: 'NAME',
    parse: check.text,
    help: 'ServerName reported to clients (default "plugkit")',
  }),
  'max-ping-time': flag.value({
    arg: 'MS',
    parse: check.uint(),
    help: 'MaxPingTime in ms; 0 turns the ping watchdog off (default 0)',
  }),
  'max-spec-version': flag.value({
    arg: 'N',
    parse: check.uint(4),
    help: 'highest Buttplug spec version offered, 0..4 (default 4)',
  }),
  'handshake-timeout': flag.value({
    arg: 'MS',
    parse: check.uint(),
    default: 10_000,
    help: 'how long a connected client may take to send RequestServerInfo; 0 waits forever',
  }),
  'allowed-origin': flag.list({
    arg: 'ORIGIN',
    parse: parseOrigin,
    help: 'accept browser clients only from this origin, e.g. http://localhost:8080; * = any (default: any)',
  }),
  'allow-raw-messages': flag.switch(
    'allow Raw* messages (spec v2/v3) for every device, not only allow_raw ones',
    {
      aliases: ['allow-raw'],
    },
  ),
  'device-config-file': flag.value({
    arg: 'FILE',
    parse: check.text,
    help: 'replace the built-in device database (official v4 format)',
  }),
  'user-device-config-file': flag.value({
    arg: 'FILE',
    parse: check.text,
    help: 'user device config (official v4 user format)',
  }),
  'use-bluetooth-le': flag.switch('find toys over Bluetooth LE'),
  'use-serial': flag.switch('find toys on serial ports'),
  'use-hid': flag.switch('find toys over USB HID'),
  'use-usb': flag.switch('find raw USB (not HID) toys through libusb'),
  'use-lovense-dongle-serial': flag.switch('find Lovense toys through the serial Lovense USB dongle'),
  'use-lovense-dongle-hid': flag.switch('find Lovense toys through the HID Lovense USB dongle'),
  'use-device-websocket-server': flag.switch('accept Intiface-compatible WebSocket devices'),
  'device-websocket-server-port': flag.value({
    arg: 'N',
    parse: check.port,
    help: 'port of the WebSocket device server (default 54817)',
  }),
  simulate: flag.list({
    arg: 'NAME',
    parse: check.text,
    help: 'add a simulated toy by advertised name, e.g. "Massage Demo" (plugkit devices lists names)',
  }),
  dashboard: flag.switch(
    'serve a live dashboard page on 127.0.0.1 (devices, levels, log; add simulated toys)',
  ),
  'dashboard-port': flag.value({
    arg: 'N',
    parse: check.port,
    help: 'port of the dashboard on 127.0.0.1 (default 12346; 0 = any free port); implies --dashboard',
  }),
  log: flag.value({
    arg: 'LEVEL',
    parse: parseLevel,
    default: 'info' as Level | 'off',
    help: `log level: ${LEVEL_NAMES.join(', ')}, any case; logs go to stderr`,
  }),
  'port-file': flag.value({
    arg: 'FILE',
    parse: check.text,
    help: 'write the port being listened on to FILE once ready (with --websocket-port 0: any free port)',
  }),
  'stdin-lifeline': flag.switch(
    'exit (stopping every toy) when stdin closes or the parent process is gone; for games that spawn plugkit',
  ),
  'parent-pid': flag.value({
    arg: 'PID',
    parse: check.uint(2 ** 31 - 1, 1),
    help: 'exit (stopping every toy) when process PID is gone, e.g. the game that started plugkit',
  }),
  version: flag.switch('print the version and exit', { aliases: ['server-version'] }),
  // Intiface Engine flags plugkit accepts without acting on them (see docs/server.md).
  'use-xinput': flag.switch('', { ignored: NOT_HERE.xinput }),
  'use-lovense-connect': flag.switch('', { ignored: NOT_HERE.lovenseConnect }),
  'frontend-websocket-port': flag.value({
    arg: 'N',
    parse: check.port,
    help: '',
    ignored: NOT_HERE.frontend,
  }),
  'ipc-pipe': flag.value({ arg: 'NAME', parse: check.text, help: '', ignored: NOT_HERE.ipc }),
  'websocket-client-address': flag.value({
    arg: 'URL',
    parse: check.wsUrl,
    help: '',
    ignored: 'plugkit cannot dial out to a client; it listens instead (see the "listening on" line)',
  }),
  'broadcast-server-mdns': flag.switch('', { ignored: NOT_HERE.mdns }),
  'mdns-suffix': flag.value({ arg: 'TEXT', parse: check.text, help: '', ignored: NOT_HERE.mdns }),
  'crash-reporting': flag.switch('', { ignored: NOT_HERE.crash }),
  'crash-main-thread': flag.switch('', { ignored: NOT_HERE.debugCrash }),
  'crash-task-thread': flag.switch('', { ignored: NOT_HERE.debugCrash }),
  repeater: flag.switch('', {
    refused:
      'plugkit has no repeater (proxy) mode; run Intiface Engine for that, or point the client at plugkit itself',
  }),
  'repeater-port': flag.value({ arg: 'N', parse: check.port, help: '', ignored: NOT_HERE.repeaterOnly }),
  'repeater-remote-address': flag.value({
    arg: 'URL',
    parse: check.text,
    help: '',
    ignored: NOT_HERE.repeaterOnly,
  }),
};

/** Parsed `serve` flags, keyed by camel-cased flag name (`--use-hid` → `useHid`). */
export type ServeArgs = FlagValues<typeof SERVE_FLAGS>;

/** Parses the arguments after `serve`; throws {@link UsageError} for a bad flag or value. */
export function parseServeFlags(argv: string[]): ParsedFlags<typeof SERVE_FLAGS> {
  return parseFlags(SERVE_FLAGS, argv, { command: 'serve' });
}

/** The values of {@link parseServeFlags} alone (for callers that need no notices). */
export function parseServeArgs(argv: string[]): ServeArgs {
  return parseServeFlags(argv).values;
}

/** Help text for `plugkit serve`. */
export function serveHelp(): string {
  return [
    'Usage: plugkit serve [flags]',
    '',
    'Runs a Buttplug server (spec v4 and older) on ws://127.0.0.1:12345. Takes Intiface Engine flag',
    'names; `plugkit --websocket-port 12345 …` (no subcommand) works as well.',
    '',
    flagHelp(SERVE_FLAGS),
  ].join('\n');
}
