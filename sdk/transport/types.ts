import type { Observable } from 'rxjs';
import type { Clock } from '../clock/index.js';

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
