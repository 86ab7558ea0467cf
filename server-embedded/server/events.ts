/**
 * `PlugkitServer.events$`: the one tap on the server for dashboards, benchmarks and tests. Every
 * event has a `kind` and `at` (the server clock's `now()` when it happened).
 */
import type { DeviceEvent } from '../devices/device-events.js';

/** A client finished its handshake. */
export interface ClientConnectedEvent {
  kind: 'client-connected';
  at: number;
  /** The ClientName it sent. */
  clientName: string;
  /** The spec version negotiated (0–4). */
  specVersion: number;
  /** Where it came from (remote address, or "in-process"). */
  label: string;
}

/** A client that had finished its handshake is gone; every device was stopped. */
export interface ClientDisconnectedEvent {
  kind: 'client-disconnected';
  at: number;
  clientName: string;
  /** "client disconnected", "ping timeout", … */
  reason: string;
}

/** A frame from the client, as received (before validation). */
export interface MessageInEvent {
  kind: 'message-in';
  at: number;
  json: string;
}

/** A frame to the client, exactly as sent. */
export interface MessageOutEvent {
  kind: 'message-out';
  at: number;
  json: string;
}

/** Events of client sessions. */
export type SessionEvent = ClientConnectedEvent | ClientDisconnectedEvent | MessageInEvent | MessageOutEvent;

/** Everything `PlugkitServer.events$` reports; switch on `kind`. */
export type ServerEvent = SessionEvent | DeviceEvent;

/** The `kind`s of {@link ServerEvent}. */
export type ServerEventKind = ServerEvent['kind'];

export type {
  DeviceEvent,
  DeviceAddedEvent,
  DeviceRemovedEvent,
  OutputEvent,
  WriteEvent,
  ReadingEvent,
  ServerErrorEvent,
} from '../devices/device-events.js';
