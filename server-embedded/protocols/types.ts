/**
 * The contract between the device layer and a toy protocol. A protocol turns feature commands
 * into endpoint writes and knows the toy's handshake; it never sees noble, ws or serial ports.
 */
import { PlugkitError, type InputType, type OutputType } from '../../sdk/protocol/index.js';
import type { ResolvedDevice } from './definition.js';
import type { Clock } from '../../sdk/clock/index.js';
import type { DeviceCandidate, Endpoint, Hardware } from '../hardware/types.js';

/** One output command after validation and step → device-unit conversion. */
export interface OutputCommand {
  featureIndex: number;
  /** The feature's config id (stable across user overrides). */
  featureId: string;
  type: OutputType;
  /** Device units (already offset by user ranges, signed for rotation direction). */
  value: number;
  /** Milliseconds, for HwPositionWithDuration. */
  duration?: number;
}

/** A bus-level action a protocol wants performed, in order. */
export type HardwareCommand =
  | {
      kind: 'write';
      endpoint: Endpoint;
      data: Uint8Array;
      withResponse: boolean;
      /**
       * What this write controls. While writes wait out a device's message gap, a newer write
       * sharing any id replaces the waiting one (e.g. a packet carrying every motor supersedes
       * an older one). Default: the output the command came from.
       */
      ids?: readonly string[];
    }
  | { kind: 'subscribe'; endpoint: Endpoint }
  | { kind: 'unsubscribe'; endpoint: Endpoint };

/** Shorthand for a write command; `ids` as in {@link HardwareCommand}. */
export const write = (
  endpoint: Endpoint,
  data: ArrayLike<number>,
  withResponse = false,
  ids?: readonly string[],
): HardwareCommand => {
  // `new Uint8Array` copies an array by index; `Uint8Array.from` walks an iterator, and the
  // spread of an optional field cloned an object, both on every command a protocol encodes.
  const command: Extract<HardwareCommand, { kind: 'write' }> = {
    kind: 'write',
    endpoint,
    data: new Uint8Array(data),
    withResponse,
  };
  if (ids) command.ids = ids;
  return command;
};

/** Bytes of an ASCII string (many toys speak text commands). */
export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a protocol handler gets to work with. */
export interface ProtocolContext {
  hardware: Hardware;
  device: ResolvedDevice;
  /** What the toy advertised when it was found (some toys derive handshake keys from it). */
  advertisement?: Pick<DeviceCandidate, 'manufacturerData' | 'advertisedServices'>;
  log(level: LogLevel, message: string): void;
  /** Reports a sensor value for a subscribed input (becomes an InputReading event). */
  emitReading(featureIndex: number, type: InputType, value: number): void;
  /**
   * The server's clock, for a protocol's own timers (repeats, step timers, reply timeouts). The
   * device manager always sets it; optional only so hand-built contexts in tests stay short.
   */
  clock?: Clock;
}

/** How a toy is kept awake: the last packet (or a fixed one) is repeated on a timer. */
export interface KeepalivePolicy {
  intervalMs: number;
  /**
   * A fixed packet to repeat instead of the last write, or a function building the packet at
   * each tick (for toys whose keepalive carries a counter); returning undefined skips the tick.
   */
  packet?: HardwareCommand | (() => HardwareCommand | undefined);
}

/** A connected toy's protocol state. One instance per device. */
export interface ProtocolHandler {
  /** Hardware commands for one output command. Return [] when nothing needs sending. */
  output?(cmd: OutputCommand): HardwareCommand[] | Promise<HardwareCommand[]>;
  /** Reads an input once; returns the value in the input's units (battery: 0–100). */
  readInput?(featureIndex: number, type: InputType): Promise<number>;
  subscribeInput?(featureIndex: number, type: InputType): Promise<void>;
  unsubscribeInput?(featureIndex: number, type: InputType): Promise<void>;
  keepalive?: KeepalivePolicy;
  /** Releases timers and subscriptions when the device goes away. */
  dispose?(): void;
}

/** What `identify` found out: the model identifier used to pick the definition. */
export interface Identification {
  identifier: string;
  /**
   * The protocol that drives this model, when it is not the one whose config matched (e.g. a
   * Hismith advertising the legacy name but speaking the Hismith Mini protocol).
   */
  protocol?: string;
}

/** A toy protocol, registered by its device-config name. */
export interface Protocol {
  /** Key in the device config's `protocols` map, e.g. `lovense`, `aneros`. */
  readonly name: string;
  /**
   * Works out which model this is; may talk to the device (e.g. Lovense's `DeviceType;`).
   * Without it the hardware's advertised name is the identifier. `advertisement` is what the toy
   * advertised when found (some announce their model number there).
   */
  identify?(
    hardware: Hardware,
    log: ProtocolContext['log'],
    advertisement?: ProtocolContext['advertisement'],
  ): Promise<Identification>;
  /** Builds the handler once the definition is known; may run an init sequence. */
  create(ctx: ProtocolContext): ProtocolHandler | Promise<ProtocolHandler>;
}

/** Thrown by a handler for an output or input it cannot drive. */
export const unhandled = (what: string): never => {
  throw new PlugkitError('ERROR_DEVICE', 'UnhandledCommand', `This device's protocol cannot handle ${what}.`);
};
