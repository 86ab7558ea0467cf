/**
 * Drop-in for Intiface Engine: every flag of the engine's command line (src/bin/main.rs of
 * intiface/intiface-engine, v3.0.8, plus flags older versions had) parses, and each either acts
 * or says on start-up why it has no effect here.
 */
import { describe, expect, it } from 'vitest';
import { parseServeFlags } from '../../../server-embedded/cli/serve-flags.js';
import { serveOptions } from '../../../server-embedded/cli/serve-server.js';
import { silentLogger } from '../../../server-embedded/log.js';
import { UsageError } from '../../../server-embedded/cli/usage-error.js';

/** Engine switches and options (name → a sample value; undefined for a switch). */
const ENGINE_FLAGS: Record<string, string | undefined> = {
  version: undefined,
  'server-version': undefined,
  'websocket-use-all-interfaces': undefined,
  'websocket-port': '12345',
  'websocket-client-address': 'ws://127.0.0.1:12346',
  'frontend-websocket-port': '12347',
  'server-name': 'Buttplug Server',
  'device-config-file': 'devices.json',
  'user-device-config-file': 'user.json',
  'max-ping-time': '1000',
  log: 'INFO',
  'allow-raw': undefined,
  'use-bluetooth-le': undefined,
  'use-serial': undefined,
  'use-hid': undefined,
  'use-lovense-dongle-serial': undefined,
  'use-lovense-dongle-hid': undefined,
  'use-xinput': undefined,
  'use-lovense-connect': undefined,
  'use-device-websocket-server': undefined,
  'device-websocket-server-port': '54817',
  'broadcast-server-mdns': undefined,
  'mdns-suffix': 'x',
  'repeater-port': '12348',
  'repeater-remote-address': 'ws://192.0.2.1:12345',
  'crash-main-thread': undefined,
  'crash-task-thread': undefined,
  // Older engine versions.
  'crash-reporting': undefined,
  'ipc-pipe': 'intiface',
};
const NO_EFFECT = [
  'websocket-client-address',
  'frontend-websocket-port',
  'use-xinput',
  'use-lovense-connect',
  'broadcast-server-mdns',
  'mdns-suffix',
  'repeater-port',
  'repeater-remote-address',
  'crash-main-thread',
  'crash-task-thread',
  'crash-reporting',
  'ipc-pipe',
];

const argvOf = (name: string) => {
  const v = ENGINE_FLAGS[name];
  return v === undefined ? [`--${name}`] : [`--${name}`, v];
};

describe('Intiface Engine flags', () => {
  it.each(Object.keys(ENGINE_FLAGS))('--%s is accepted', (name) => {
    const { notices } = parseServeFlags(argvOf(name));
    if (NO_EFFECT.includes(name))
      expect(notices).toEqual([expect.stringMatching(new RegExp(`^--${name} has no effect: .{10,}`))]);
    else expect(notices).toEqual([]);
  });

  it('accepts a whole engine command line at once', () => {
    const { values, notices } = parseServeFlags(Object.keys(ENGINE_FLAGS).flatMap(argvOf));
    expect(values).toMatchObject({
      websocketPort: 12345,
      serverName: 'Buttplug Server',
      maxPingTime: 1000,
      log: 'info',
      allowRawMessages: true,
      useBluetoothLe: true,
      useLovenseDongleHid: true,
      deviceWebsocketServerPort: 54817,
      version: true,
    });
    expect(notices).toHaveLength(NO_EFFECT.length);
  });

  it('--allow-raw is the raw messages switch', () => {
    const args = parseServeFlags(['--allow-raw']).values;
    expect(serveOptions(args, [], [], silentLogger).server.allowRawMessages).toBe(true);
    expect(serveOptions(parseServeFlags([]).values, [], [], silentLogger).server.allowRawMessages).toBe(
      false,
    );
  });

  it('reads log levels in any case, and tracing numbers 1..5', () => {
    for (const [raw, level] of [
      ['INFO', 'info'],
      ['Debug', 'debug'],
      ['warn', 'warn'],
      ['OFF', 'off'],
      ['1', 'error'],
      ['5', 'trace'],
    ])
      expect(parseServeFlags(['--log', raw!]).values.log).toBe(level);
    expect(() => parseServeFlags(['--log', 'loud'])).toThrow(
      /--log must be one of error, warn, info, debug, trace, off/,
    );
    expect(() => parseServeFlags(['--log', '6'])).toThrow(UsageError);
  });

  it('refuses repeater mode rather than serving in its place', () => {
    expect(() => parseServeFlags(['--repeater'])).toThrow(/--repeater: plugkit has no repeater/);
  });

  it('validates the values of flags that have no effect', () => {
    expect(() => parseServeFlags(['--websocket-client-address', 'localhost'])).toThrow(/ws:\/\/ or wss:\/\//);
    expect(() => parseServeFlags(['--frontend-websocket-port', '99999'])).toThrow(/at most 65535/);
  });
});

describe('plugkit-only serve flags', () => {
  it('--handshake-timeout defaults to 10 s and reaches the server options as clientHandshakeTimeoutMs', () => {
    const opts = (argv: string[]) => serveOptions(parseServeFlags(argv).values, [], [], silentLogger);
    expect(opts([]).server.clientHandshakeTimeoutMs).toBe(10_000);
    expect(opts(['--handshake-timeout', '2500']).server.clientHandshakeTimeoutMs).toBe(2500);
    expect(opts(['--handshake-timeout', '0']).server.clientHandshakeTimeoutMs).toBe(0);
    expect(() => opts(['--handshake-timeout', '-1'])).toThrow(/needs a value/);
    expect(() => opts(['--handshake-timeout', '1.5'])).toThrow(/expects a whole number/);
  });

  it('--allowed-origin is repeatable, normalised, and reaches the listen options as allowedOrigins', () => {
    const listen = (argv: string[]) =>
      serveOptions(parseServeFlags(argv).values, [], [], silentLogger).listen;
    expect(listen([]).allowedOrigins).toBeUndefined();
    expect(
      listen([
        '--allowed-origin',
        'http://localhost:8080',
        '--allowed-origin',
        'HTTPS://Example.com',
        '--allowed-origin',
        '*',
      ]).allowedOrigins,
    ).toEqual(['http://localhost:8080', 'https://example.com', '*']);
    expect(listen(['--allowed-origin', 'null']).allowedOrigins).toEqual(['null']);
    for (const bad of ['localhost:8080', 'http://example.com/app', 'http://example.com/', 'file:///x', ''])
      expect(() => listen(['--allowed-origin', bad]), bad).toThrow(UsageError);
  });

  it('maps the other flags to server and listener options', () => {
    const { server, listen } = serveOptions(
      parseServeFlags([
        '--websocket-use-all-interfaces',
        '--max-spec-version',
        '2',
        '--user-device-config-file',
        'u.json',
      ]).values,
      ['Massage Demo'],
      [],
      silentLogger,
    );
    expect(listen).toMatchObject({ port: 12345, host: '0.0.0.0' });
    expect(server).toMatchObject({
      maxSpecVersion: 2,
      userDeviceConfigFiles: ['u.json'],
      simulate: ['Massage Demo'],
    });
    expect(server.name).toBeUndefined();
  });
});
