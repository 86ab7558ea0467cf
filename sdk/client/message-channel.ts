import { Subject, type Observable } from 'rxjs';
import {
  MAX_ID,
  PlugkitError,
  parseServerFrame,
  serializeMessage,
  type AnyMessage,
} from '../protocol/index.js';
import { realClock, type Clock, type Timer } from '../clock/index.js';
import type { TransportConnection } from '../transport/types.js';

/** Default time a request may wait for its reply. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(m: AnyMessage): void;
  reject(e: PlugkitError): void;
  /** The message name, for the timeout error. */
  type: string;
  /** Clock time after which the request fails with TIMEOUT. */
  deadline: number;
}

/**
 * Request/response over a transport connection: gives each request an Id, matches the reply by
 * Id (so out-of-order replies are fine), turns `Error` replies into PlugkitError, and bounds
 * every wait with a timeout. Messages with Id 0 are events.
 *
 * All pending requests share one deadline timer: requests wait in insertion order, and with one
 * fixed timeout their deadlines are in that order too, so the timer only ever needs to wake for
 * the oldest. Arming and cancelling a timer per request was a measurable share of a command's cost.
 */
export class MessageChannel {
  private nextId = 1;
  /** Waiting requests by Id; a Map iterates in insertion order, i.e. by deadline. */
  private readonly pending = new Map<number, Pending>();
  private deadlineTimer: Timer | undefined;
  /** The latest deadline handed out: keeps deadlines ordered even if the clock steps back. */
  private lastDeadline = -Infinity;
  private readonly events = new Subject<AnyMessage>();
  private open = true;
  /** Server events (Id 0): device list changes, readings, ScanningFinished, errors. */
  readonly event$: Observable<AnyMessage> = this.events.asObservable();
  /** Why the connection closed, once it has. */
  closeReason: string | undefined;

  /**
   * @param conn an open transport connection
   * @param requestTimeoutMs how long a request may wait for its reply
   * @param clock where the timeout's time comes from (a {@link VirtualClock} in tests)
   */
  constructor(
    private readonly conn: TransportConnection,
    private readonly requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    private readonly clock: Clock = realClock,
  ) {
    // A transport that errors has closed as far as requests are concerned. A peer in this
    // process hands message objects across (no JSON either way); others send text frames.
    const incoming: Observable<AnyMessage | string> = conn.messages?.message$ ?? conn.frame$;
    incoming.subscribe({
      next: (m) => (typeof m === 'string' ? this.receive(m) : this.dispatch(m)),
      error: (err: unknown) => this.shutdown(`transport error: ${String(err)}`),
    });
    conn.closed$.subscribe({
      next: (reason) => this.shutdown(reason),
      error: (err: unknown) => this.shutdown(`transport error: ${String(err)}`),
    });
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
      const deadline = Math.max(this.clock.now() + this.requestTimeoutMs, this.lastDeadline);
      this.lastDeadline = deadline;
      this.pending.set(Id, {
        resolve: resolve as (m: AnyMessage) => void,
        reject,
        type: message.type,
        deadline,
      });
      // An armed timer is due no later than this deadline (deadlines only grow).
      if (!this.deadlineTimer) this.armDeadline(deadline);
      const passing = this.conn.messages;
      if (passing) {
        const { type, ...fields } = message;
        fields['Id'] = Id;
        passing.send({ [type]: fields });
      } else this.conn.send(serializeMessage({ ...message, Id } as AnyMessage));
    });
  }

  private armDeadline(at: number): void {
    // Background: a watchdog alone should not keep a process alive; the connection does that.
    this.deadlineTimer = this.clock.schedule(at - this.clock.now(), () => this.expire(), {
      background: true,
    });
  }

  /** Fails every request whose deadline has passed, then re-arms for the oldest left. */
  private expire(): void {
    this.deadlineTimer = undefined;
    const now = this.clock.now();
    for (const [Id, p] of this.pending) {
      if (p.deadline > now) return this.armDeadline(p.deadline);
      this.pending.delete(Id);
      p.reject(
        new PlugkitError(
          'TIMEOUT',
          'RequestTimeout',
          `${p.type} got no reply within ${this.requestTimeoutMs} ms; the server may be busy or gone.`,
        ),
      );
    }
  }

  private receive(frame: string): void {
    let messages: AnyMessage[];
    try {
      messages = parseServerFrame(frame);
    } catch {
      return; // a garbled frame from the server cannot be matched to a request; timeouts cover it
    }
    for (const m of messages) this.dispatch(m);
  }

  /** Settles the request a message answers, or passes it on as an event. */
  private dispatch(m: AnyMessage): void {
    const waiting = m.Id === 0 ? undefined : this.pending.get(m.Id);
    if (!waiting) {
      this.events.next(m);
      return;
    }
    // The shared deadline timer stays armed: it re-arms for the next oldest when it fires.
    this.pending.delete(m.Id);
    if (m.type === 'Error')
      waiting.reject(PlugkitError.fromProtocol(Number(m['ErrorCode']), String(m['ErrorMessage'])));
    else waiting.resolve(m);
  }

  private shutdown(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.closeReason = reason;
    this.deadlineTimer?.cancel();
    this.deadlineTimer = undefined;
    for (const [, p] of this.pending) {
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
    // A transport whose close fails has nothing left to tell this channel: the shutdown below is what counts.
    Promise.resolve(this.conn.close()).catch(() => {});
    this.shutdown('closed by the client');
  }
}
