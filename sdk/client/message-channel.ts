import { Subject, type Observable } from 'rxjs';
import {
  MAX_ID,
  PlugkitError,
  parseServerFrame,
  serializeMessage,
  type AnyMessage,
} from '../protocol/index.js';
import type { TransportConnection } from '../transport/types.js';

/** Default time a request may wait for its reply. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(m: AnyMessage): void;
  reject(e: PlugkitError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Request/response over a transport connection: gives each request an Id, matches the reply by
 * Id (so out-of-order replies are fine), turns `Error` replies into PlugkitError, and bounds
 * every wait with a timeout. Messages with Id 0 are events.
 */
export class MessageChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events = new Subject<AnyMessage>();
  private open = true;
  /** Server events (Id 0): device list changes, readings, ScanningFinished, errors. */
  readonly event$: Observable<AnyMessage> = this.events.asObservable();
  /** Why the connection closed, once it has. */
  closeReason: string | undefined;

  constructor(
    private readonly conn: TransportConnection,
    private readonly requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    conn.frame$.subscribe((frame) => this.receive(frame));
    conn.closed$.subscribe((reason) => this.shutdown(reason));
  }

  /** The transport connection this channel runs on. */
  get connection(): TransportConnection {
    return this.conn;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Sends a message (Id assigned here) and resolves with its reply. */
  request<T extends AnyMessage = AnyMessage>(message: { type: string; [k: string]: unknown }): Promise<T> {
    if (!this.open)
      return Promise.reject(
        new PlugkitError(
          'NOT_CONNECTED',
          'NotConnected',
          `Not connected (${this.closeReason ?? 'closed'}); connect again first.`,
        ),
      );
    const Id = this.nextId;
    this.nextId = this.nextId >= MAX_ID ? 1 : this.nextId + 1;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(Id);
        reject(
          new PlugkitError(
            'TIMEOUT',
            'RequestTimeout',
            `${message.type} got no reply within ${this.requestTimeoutMs} ms; the server may be busy or gone.`,
          ),
        );
      }, this.requestTimeoutMs);
      this.pending.set(Id, { resolve: resolve as (m: AnyMessage) => void, reject, timer });
      this.conn.send(serializeMessage({ ...message, Id } as AnyMessage));
    });
  }

  private receive(frame: string): void {
    let messages: AnyMessage[];
    try {
      messages = parseServerFrame(frame);
    } catch {
      return; // a garbled frame from the server cannot be matched to a request; timeouts cover it
    }
    for (const m of messages) {
      const waiting = m.Id === 0 ? undefined : this.pending.get(m.Id);
      if (!waiting) {
        this.events.next(m);
        continue;
      }
      this.pending.delete(m.Id);
      clearTimeout(waiting.timer);
      if (m.type === 'Error')
        waiting.reject(PlugkitError.fromProtocol(Number(m['ErrorCode']), String(m['ErrorMessage'])));
      else waiting.resolve(m);
    }
  }

  private shutdown(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.closeReason = reason;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(
        new PlugkitError(
          'NOT_CONNECTED',
          'ConnectionClosed',
          `The connection closed before a reply arrived (${reason}).`,
        ),
      );
    }
    this.pending.clear();
    this.events.complete();
  }

  /** Closes the connection; pending requests fail with NOT_CONNECTED. */
  close(): void {
    this.conn.close();
    this.shutdown('closed by the client');
  }
}
