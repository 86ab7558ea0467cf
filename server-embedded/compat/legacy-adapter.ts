/**
 * The session adapter for spec v0–v3 clients: each message goes to its family's handler
 * (handlers/), which turns it into core (v4) operations; server events are reshaped for the
 * client (device-events.ts). Devices are reached only through the ServerCore.
 */
import type { AnyMessage } from '../../sdk/protocol/index.js';
import type { SpecAdapter, SpecAdapterFactory } from '../server/spec-adapter.js';
import { LegacyClientState, type LegacyVersion } from './client-state.js';
import { deviceChanges, sensorReading } from './device-events.js';
import { isHandled, legacyHandlers, type HandledName, type LegacyHandler } from './handlers/index.js';
import { legacyShapes, type LegacyMessage } from './shapes.js';

/** Runs the handler of a message kind. The session validated `m` against that kind's shape. */
function dispatch<K extends HandledName>(
  type: K,
  m: AnyMessage,
  client: LegacyClientState,
): Promise<AnyMessage> {
  const handler: LegacyHandler<K> = legacyHandlers[type];
  return handler(m as unknown as LegacyMessage<K>, client);
}

/** ServerInfo in the version's shape: v0/v1 still carry the old version triple. */
function serverInfo(
  version: LegacyVersion,
  Id: number,
  server: { name: string; maxPingTime: number },
): AnyMessage {
  const common = {
    type: 'ServerInfo',
    Id,
    MessageVersion: version,
    MaxPingTime: server.maxPingTime,
    ServerName: server.name,
  };
  if (version >= 2) return common;
  return {
    type: 'ServerInfo',
    Id,
    MajorVersion: 0,
    MinorVersion: 0,
    BuildVersion: 0,
    MessageVersion: version,
    MaxPingTime: server.maxPingTime,
    ServerName: server.name,
  };
}

/** Builds the adapter factory for one legacy spec version (0–3). */
export function legacyAdapter(version: LegacyVersion): SpecAdapterFactory {
  const shapes = legacyShapes.get(version)!;
  return (core, session): SpecAdapter => {
    const client = new LegacyClientState(version, core, session);
    return {
      version,
      shapes,
      serverInfo: (Id, server) => serverInfo(version, Id, server),
      // async, so a refusal is a rejected promise like any other failure.
      async handle(m) {
        if (!isHandled(m.type)) throw new Error(`spec v${version} adapter got unexpected ${m.type}`);
        return dispatch(m.type, m, client);
      },
      devicesChanged: () => deviceChanges(client),
      reading: (r) => sensorReading(client, r),
      close: () => client.raw.close(),
    };
  };
}
