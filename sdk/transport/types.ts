import type { Observable } from 'rxjs';
import type { Clock } from '../clock/index.js';
import type { AnyMessage } from '../protocol/messages.js';

/** An open, bidirectional channel of Buttplug text frames. */
export interface TransportConnection {
  /** Sends one text frame. */
  send(frame: string): void;
  /** Frames from the server, in order. */
  readonly frame$: Observable<string>;
  /** Emits once when the connection ends, with a reason a person can read. */
  readonly closed$: Observable<string>;
  /**
   * Closes the connection from this side. May return a promise that settles once everything
   * behind it has shut down (an embedded server); calling it again is harmless.
   */
  close(): void | Promise<void>;
  /**
   * Present when the peer runs in this process: messages cross as objects instead of JSON text.
   * The peer still checks every message exactly as it checks a frame's entries.
   */
  readonly messages?: MessagePassing;
}

/** The object path of a connection to a peer in the same process (see {@link TransportConnection}). */
export interface MessagePassing {
  /**
   * Sends one message in wire form (`{"OutputCmd": {...}}`). The object is handed over as is: do
   * not change it after sending.
   */
  send(entry: Readonly<Record<string, unknown>>): void;
  /**
   * Everything from the peer in order: messages as objects (tagged form, read-only: they are not
   * copies) or, where the peer sent text, whole frames.
   */
  readonly message$: Observable<AnyMessage | string>;
}

/** What a client hands a transport when it opens a connection. */
export interface TransportConnectOptions {
  /** The client's clock; a transport times its own waits (e.g. connect timeouts) on it. */
  clock?: Clock;
}

/** Something that can open a connection to a Buttplug server: in-process, WebSocket, … */
export interface Transport {
  /** Short description for logs and errors, e.g. "embedded" or "ws://127.0.0.1:12345". */
  readonly description: string;
  /** True if a dropped connection may be re-opened (network transports). */
  readonly reconnectable: boolean;
  /** Opens a connection; `options` carry the client's context (its clock), if any. */
  connect(options?: TransportConnectOptions): Promise<TransportConnection>;
}
