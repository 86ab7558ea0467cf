/**
 * Events the device layer reports (devices coming and going, outputs, bytes written, readings,
 * failures), and the tap that stamps and publishes them. The server adds session events and
 * exposes the union as `PlugkitServer.events$`.
 */
import { Subject, type Observable } from 'rxjs';
import type { InputType, OutputType } from '../../sdk/protocol/index.js';
import type { Clock } from '../../sdk/clock/index.js';
import type { Endpoint } from '../hardware/types.js';

/** A device was identified and added. */
export interface DeviceAddedEvent {
  kind: 'device-added';
  /** The server clock's `now()` when it happened (every event has one). */
  at: number;
  deviceIndex: number;
  /** The device's name from the device database. */
  name: string;
  /** The user config's display name, if any. */
  displayName?: string;
  /** Bus address (BLE id, serial port, HID path, …). */
  address: string;
  /** The protocol that drives it (device-config name). */
  protocol: string;
}

/** A device went away or was dropped. */
export interface DeviceRemovedEvent {
  kind: 'device-removed';
  at: number;
  deviceIndex: number;
  name: string;
  /** Why, e.g. "disconnected", "link lost after a failed write", "server shut down". */
  reason: string;
}

/** An output command accepted for a device (one that repeats the last value sent is not). */
export interface OutputEvent {
  kind: 'output';
  at: number;
  deviceIndex: number;
  featureIndex: number;
  outputType: OutputType;
  /** The step value as a fraction of the output's step count: 0..1, or -1..1 for signed outputs (rotation). */
  level: number;
  /** The step value the client sent. */
  steps: number;
  /** For HwPositionWithDuration: the move's duration in ms. */
  durationMs?: number;
}

/** Bytes that reached a device's hardware (the backend's write returned). */
export interface WriteEvent {
  kind: 'write';
  at: number;
  deviceIndex: number;
  endpoint: Endpoint;
  /** The bytes as written; do not modify. */
  data: Uint8Array;
  withResponse: boolean;
}

/** A reading from a subscribed input. */
export interface ReadingEvent {
  kind: 'reading';
  at: number;
  deviceIndex: number;
  featureIndex: number;
  inputType: InputType;
  value: number;
}

/** Something failed that no client reply reports (a queued write, a device's bring-up, the session itself). */
export interface ServerErrorEvent {
  kind: 'error';
  at: number;
  /** What failed: a write after its command was accepted, a new device's connection, or the session. */
  scope: 'delivery' | 'connect' | 'session';
  /** A sentence a person can act on. */
  message: string;
  /** The device concerned, if any. */
  deviceIndex?: number;
  /** The underlying error. */
  error?: unknown;
}

/** Everything the device layer reports. */
export type DeviceEvent =
  | DeviceAddedEvent
  | DeviceRemovedEvent
  | OutputEvent
  | WriteEvent
  | ReadingEvent
  | ServerErrorEvent;

/** An event before the tap stamps its time (`at`). */
export type Unstamped<E> = E extends unknown ? Omit<E, 'at'> : never;

/** Where events are told. Producers check `observed` before building costly events. */
export interface EventSink<E extends { kind: string; at: number }> {
  /** True while anyone listens. */
  readonly observed: boolean;
  /** Publishes an event, stamped with the clock's time. */
  emit(event: Unstamped<E>): void;
}

/** A sink nobody listens to (for parts used on their own, e.g. in tests). */
export const silentSink: EventSink<never> = { observed: false, emit: () => {} };

/** Stamps events with a clock's time and publishes them on `events$`. */
export class EventTap<E extends { kind: string; at: number }> implements EventSink<E> {
  private readonly subject = new Subject<E>();
  /** Every event, as it happens (hot: no replay). */
  readonly events$: Observable<E> = this.subject.asObservable();

  constructor(private readonly clock: Clock) {}

  get observed(): boolean {
    return this.subject.observed;
  }

  emit(event: Unstamped<E>): void {
    if (!this.subject.observed) return;
    this.subject.next({ ...event, at: this.clock.now() } as unknown as E);
  }

  /** Ends the stream (server closed). */
  complete(): void {
    this.subject.complete();
  }
}
