import type { AnyMessage, MessageShapes } from '../../sdk/protocol/index.js';
import type { DeviceReading } from '../devices/device.js';
import type { ServerCore } from './core.js';

/** What a session tells its adapter about the server. */
export interface ServerDescription {
  name: string;
  maxPingTime: number;
}

/**
 * Speaks one spec version on a session: which messages a client may send, how each becomes
 * core (v4) operations, and how server events are shaped for that client. Adapters act on
 * devices only through the {@link ServerCore} they are given. Spec v4 is `v4-adapter.ts`; older
 * versions live in `compat/`.
 */
export interface SpecAdapter {
  readonly version: number;
  readonly shapes: MessageShapes;
  serverInfo(id: number, server: ServerDescription): AnyMessage;
  /**
   * Handles one validated message (never RequestServerInfo or Ping); returns the reply, directly
   * when nothing needs waiting for (the session then answers within the same turn), or a promise.
   * Errors may be thrown or rejected alike.
   */
  handle(message: AnyMessage, core: ServerCore): AnyMessage | Promise<AnyMessage>;
  /** Events announcing a device list change (called after every add/remove). */
  devicesChanged(core: ServerCore): AnyMessage[];
  /** Events for a reading from a subscribed input. */
  reading(reading: DeviceReading): AnyMessage[];
  /** Releases what the adapter holds (e.g. raw endpoint subscriptions) when the session ends. */
  close?(): Promise<void>;
}

/** What a session offers its adapter besides replies. */
export interface AdapterSession {
  /** Sends an event (Id 0) to the client, e.g. a raw notification. */
  emit(message: AnyMessage): void;
}

/** Builds a fresh adapter for a session (adapters may keep per-session state). */
export type SpecAdapterFactory = (core: ServerCore, session: AdapterSession) => SpecAdapter;
