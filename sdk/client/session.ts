import { realClock, type Clock } from '../clock/index.js';
import { PlugkitError, SPEC_VERSION, type AnyMessage } from '../protocol/index.js';
import type { Transport, TransportConnection } from '../transport/types.js';
import type { Codec } from './codec.js';
import { v3Codec } from './codec-v3.js';
import { v4Codec } from './codec-v4.js';
import { MessageChannel } from './message-channel.js';
import type { DeviceDescription } from './model.js';

/** One live connection after a successful handshake. */
export interface Session {
  readonly transport: Transport;
  readonly channel: MessageChannel;
  readonly codec: Codec;
  readonly serverName: string;
  readonly maxPingTime: number;
  /** The device list at connect time. */
  readonly devices: DeviceDescription[];
}

const codecs: Record<number, Codec> = { 4: v4Codec, 3: v3Codec };

const serverVersion = (info: AnyMessage): number =>
  typeof info['ProtocolVersionMajor'] === 'number'
    ? info['ProtocolVersionMajor']
    : typeof info['MessageVersion'] === 'number'
      ? info['MessageVersion']
      : 0;

const requestServerInfo = (clientName: string, version: number) =>
  version >= 4
    ? {
        type: 'RequestServerInfo',
        ClientName: clientName,
        ProtocolVersionMajor: version,
        ProtocolVersionMinor: 0,
      }
    : { type: 'RequestServerInfo', ClientName: clientName, MessageVersion: version };

/** Finishes the handshake on an open channel once the ServerInfo is in. */
async function finish(transport: Transport, channel: MessageChannel, info: AnyMessage): Promise<Session> {
  const version = serverVersion(info);
  const codec = codecs[Math.min(version, SPEC_VERSION)];
  if (!codec || version < 3) {
    channel.close();
    throw new PlugkitError(
      'ERROR_INIT',
      'UnsupportedSpecVersion',
      `${transport.description} speaks Buttplug spec v${version}; plugkit needs v3 or newer. Update the server (e.g. Intiface Central).`,
    );
  }
  const list = await channel.request({ type: 'RequestDeviceList' });
  return {
    transport,
    channel,
    codec,
    serverName: typeof info['ServerName'] === 'string' ? info['ServerName'] : '',
    maxPingTime: typeof info['MaxPingTime'] === 'number' ? info['MaxPingTime'] : 0,
    devices: codec.deviceList(list),
  };
}

const openChannel = async (
  transport: Transport,
  timeoutMs: number,
  clock: Clock,
): Promise<MessageChannel> => {
  let conn: TransportConnection;
  try {
    conn = await transport.connect({ clock });
  } catch (err) {
    if (err instanceof PlugkitError) throw err;
    throw new PlugkitError(
      'TRANSPORT',
      'ConnectFailed',
      `Could not connect to ${transport.description}: ${(err as Error).message}`,
    );
  }
  return new MessageChannel(conn, timeoutMs, clock);
};

/**
 * Opens a connection and negotiates the spec version: offers v4; if the server refuses it
 * (Error, ErrorCode 1) asks again for v3 on the same connection, and if the server stays silent or
 * hangs up, tries v3 once on a fresh connection. A server answering with a lower version is
 * spoken to in that version.
 */
export async function openSession(
  transport: Transport,
  clientName: string,
  timeoutMs: number,
  clock: Clock = realClock,
): Promise<Session> {
  let channel = await openChannel(transport, timeoutMs, clock);
  let info: AnyMessage;
  try {
    info = await channel.request(requestServerInfo(clientName, SPEC_VERSION));
  } catch (err) {
    if (!(err instanceof PlugkitError)) throw err;
    if (err.code === 'ERROR_INIT' && channel.isOpen) {
      try {
        info = await channel.request(requestServerInfo(clientName, 3));
      } catch (again) {
        channel.close();
        throw again;
      }
    } else if (err.code === 'TIMEOUT' || err.code === 'NOT_CONNECTED' || err.code === 'ERROR_INIT') {
      // Old servers drop a message they cannot parse; a fresh connection gets a clean handshake.
      channel.close();
      channel = await openChannel(transport, timeoutMs, clock);
      try {
        info = await channel.request(requestServerInfo(clientName, 3));
      } catch (again) {
        channel.close();
        throw err.code === 'TIMEOUT' && again instanceof PlugkitError && again.code === 'TIMEOUT'
          ? err
          : again;
      }
    } else {
      channel.close();
      throw err;
    }
  }
  try {
    return await finish(transport, channel, info);
  } catch (err) {
    channel.close();
    throw err;
  }
}
