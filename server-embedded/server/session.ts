import type { Subscription } from 'rxjs';
import type { Clock, Timer } from '../../sdk/clock/index.js';
import {
  ErrorCode,
  PlugkitError,
  SYSTEM_ID,
  hasOwn,
  isPlainObject,
  parseEntry,
  requestServerInfoShape,
  serializeMessage,
  splitEntries,
  splitFrame,
  type AnyMessage,
  type MessageShapes,
} from '../../sdk/protocol/index.js';
import type { EventSink } from '../devices/device-events.js';
import type { Logger } from '../log.js';
import type { ServerCore } from './core.js';
import type { ServerEvent } from './events.js';
import type { SpecAdapter, SpecAdapterFactory } from './spec-adapter.js';

/** The server side of one client connection, whatever carries it (WebSocket, in-process). */
export interface ServerConnection {
  /** Sends one text frame to the client. */
  send(frame: string): void;
  /** Hands one message over as an object (an in-process client); preferred to `send` when present. */
  sendMessage?(message: AnyMessage): void;
  /** Closes the connection from the server side. */
  close(code?: number, reason?: string): void;
}

export interface SessionOptions {
  serverName: string;
  maxPingTime: number;
  maxFrameBytes: number;
  /** Adapters by spec version; the highest key is the newest version offered. */
  adapters: ReadonlyMap<number, SpecAdapterFactory>;
  core: ServerCore;
  log: Logger;
  clientLabel: string;
  /** Time for the ping watchdog and the handshake timeout. */
  clock: Clock;
  /**
   * How long the client may take to send RequestServerInfo, in ms; 0 waits forever. A socket that
   * never handshakes would otherwise hold the only client slot for good.
   */
  handshakeTimeoutMs: number;
  /** Where session events (client connected/disconnected, messages in/out, failures) go. */
  events: EventSink<ServerEvent>;
  /**
   * Settles once the previous client's session has ended (its devices stopped). No frame of this
   * session is handled before: a client that reconnects at once must not have its first commands
   * overtaken by the stop that ends the last session.
   */
  after?: Promise<void>;
}

type State = 'handshake' | 'ready' | 'pinged-out' | 'closed';

/** What `receive` returns for a frame handled at once. */
const HANDLED: Promise<void> = Promise.resolve();

/** The Id of a raw frame entry `{"Name": {"Id": n}}` when it is a usable client Id, else 0. */
const entryId = (entry: unknown): number => {
  if (!isPlainObject(entry)) return SYSTEM_ID;
  const keys = Object.keys(entry);
  const body = keys.length === 1 ? entry[keys[0]!] : undefined;
  const id = isPlainObject(body) && hasOwn(body, 'Id') ? body['Id'] : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 4294967295 ? id : SYSTEM_ID;
};

/**
 * One client's conversation with the server: handshake and version negotiation, then every
 * message answered in arrival order, events pushed as they happen, and the ping watchdog. When
 * the conversation ends for any reason, every device is stopped.
 */
export class ServerSession {
  private state: State = 'handshake';
  private adapter: SpecAdapter | undefined;
  private queue: Promise<void> = HANDLED;
  /** Frames received and not finished yet (plus the previous session's end, while it runs). */
  private unfinished = 0;
  /** A frame is being handled synchronously inside `receive` right now. */
  private handlingNow = false;
  private pingTimer: Timer | undefined;
  private handshakeTimer: Timer | undefined;
  private readonly subscriptions: Subscription[] = [];
  /** Name the client gave in RequestServerInfo. */
  clientName: string | undefined;
  /** Resolves once the session has ended and devices were stopped. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;

  constructor(
    private readonly conn: ServerConnection,
    private readonly opts: SessionOptions,
  ) {
    this.ended = new Promise((r) => (this.resolveEnded = r));
    if (opts.after) {
      this.unfinished = 1;
      this.queue = opts.after.then(() => {
        this.unfinished--;
      });
    }
    if (opts.handshakeTimeoutMs > 0)
      this.handshakeTimer = opts.clock.schedule(opts.handshakeTimeoutMs, () => void this.handshakeTimedOut());
  }

  /** The negotiated spec version, once the handshake is done. */
  get specVersion(): number | undefined {
    return this.adapter?.version;
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  /** Frames received and not yet handled (0 when every frame so far was answered at once). */
  get unfinishedFrames(): number {
    return this.unfinished;
  }

  /**
   * Queues an incoming text frame, or a batch of wire-form messages handed over as objects (an
   * in-process client; each is checked exactly like a frame's entry). Handled strictly in order.
   * The promise settles once this frame was handled (transports use it to stop reading while
   * frames pile up).
   */
  receive(frame: string | readonly unknown[]): Promise<void> {
    // A connection that hands a frame over from inside `send` (sockets never do) would re-enter
    // the frame being handled; it is taken up right after instead, keeping the order.
    if (this.handlingNow) return HANDLED.then(() => this.receive(frame));
    const events = this.opts.events;
    if (events.observed)
      events.emit({ kind: 'message-in', json: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    // Nothing ahead of it: handle the frame now, so a reply that needs no waiting leaves in this
    // turn. Only a frame that must wait (or arrives while one waits) goes through the queue.
    let now: void | Promise<void> = undefined;
    if (this.unfinished === 0) {
      this.handlingNow = true;
      try {
        now = this.handleFrame(frame);
      } catch (err) {
        this.frameFailed(err);
      } finally {
        this.handlingNow = false;
      }
      if (now === undefined) return HANDLED;
    }
    this.unfinished++;
    const run = now ?? this.queue.then(() => this.handleFrame(frame));
    return (this.queue = run
      .catch((err: unknown) => this.frameFailed(err))
      .then(() => {
        this.unfinished--;
      }));
  }

  private frameFailed(err: unknown): void {
    this.opts.log('error', `session ${this.opts.clientLabel}: ${(err as Error).stack ?? err}`);
    this.opts.events.emit({
      kind: 'error',
      scope: 'session',
      message: `The session with ${this.opts.clientLabel} failed on a frame: ${(err as Error).message}`,
      error: err,
    });
  }

  /** Called when the client has gone (socket closed). Stops everything. */
  closed(): Promise<void> {
    return this.end('client disconnected');
  }

  private send(message: AnyMessage): void {
    if (this.state === 'closed') return;
    const observed = this.opts.events.observed;
    if (this.conn.sendMessage) {
      this.conn.sendMessage(message);
      if (observed) this.opts.events.emit({ kind: 'message-out', json: serializeMessage(message) });
      return;
    }
    const json = serializeMessage(message);
    this.conn.send(json);
    if (observed) this.opts.events.emit({ kind: 'message-out', json });
  }

  private sendError(Id: number, code: ErrorCode, message: string): void {
    this.send({ type: 'Error', Id, ErrorCode: code, ErrorMessage: message });
  }

  /** Handles a frame; returns a promise only if one of its messages had to wait. */
  private handleFrame(frame: string | readonly unknown[]): void | Promise<void> {
    if (this.state === 'closed') return;
    const split =
      typeof frame === 'string' ? splitFrame(frame, this.opts.maxFrameBytes) : splitEntries(frame);
    if (!split.ok) return this.sendError(split.id, split.errorCode, split.message);
    return this.handleEntries(split.entries, 0);
  }

  /** Handles entries from `from` on, in order; continues after a message that has to wait. */
  private handleEntries(entries: readonly unknown[], from: number): void | Promise<void> {
    for (let i = from; i < entries.length; i++) {
      if (!this.isOpen) return;
      const entry = entries[i];
      // A failure in one message is that message's answer; the rest of the frame still runs.
      let waiting: void | Promise<void>;
      try {
        waiting = this.handleEntry(entry, i);
      } catch (err) {
        this.entryFailed(entry, i, err);
        continue;
      }
      if (waiting)
        return waiting.then(
          () => this.handleEntries(entries, i + 1),
          (err: unknown) => {
            this.entryFailed(entry, i, err);
            return this.handleEntries(entries, i + 1);
          },
        );
    }
  }

  private entryFailed(entry: unknown, i: number, err: unknown): void {
    this.failed(entryId(entry), `message ${i} of the frame`, err);
  }

  /** Reports a server fault while handling one message and answers it with an Error. */
  private failed(Id: number, what: string, err: unknown): void {
    const message = `The server failed to handle ${what}: ${(err as Error)?.message ?? String(err)}`;
    this.opts.log('error', `session ${this.opts.clientLabel}: ${(err as Error)?.stack ?? err}`);
    this.opts.events.emit({ kind: 'error', scope: 'session', message, error: err });
    this.sendError(Id, ErrorCode.Unknown, message);
  }

  private handleEntry(entry: unknown, i: number): void | Promise<void> {
    if (this.state === 'pinged-out') {
      const item = parseEntry(entry, i, this.adapter!.shapes);
      return this.sendError(
        item.ok ? item.message.Id : item.id,
        ErrorCode.Ping,
        'The session timed out waiting for Ping; reconnect to start a new session.',
      );
    }
    const shapes: MessageShapes = this.adapter
      ? this.adapter.shapes
      : { RequestServerInfo: requestServerInfoShape };
    const item = parseEntry(entry, i, shapes);
    if (!item.ok) {
      if (!this.adapter && item.reason === 'UnexpectedMessageType')
        return this.sendError(
          item.id,
          ErrorCode.Init,
          'Send RequestServerInfo first: no other message is accepted before the handshake.',
        );
      return this.sendError(item.id, item.errorCode, item.message);
    }
    const msg = item.message;
    if (!this.adapter) return this.handshake(msg);
    if (msg.type === 'RequestServerInfo')
      return this.sendError(
        msg.Id,
        ErrorCode.Init,
        'The handshake already happened on this connection; RequestServerInfo is accepted once.',
      );
    if (msg.type === 'Ping') {
      this.armPingTimer();
      return this.send({ type: 'Ok', Id: msg.Id });
    }
    let reply: AnyMessage | Promise<AnyMessage>;
    try {
      reply = this.adapter.handle(msg, this.opts.core);
    } catch (err) {
      return this.handleFailed(msg, err);
    }
    if (reply instanceof Promise)
      return reply.then(
        (m) => this.send(m),
        (err: unknown) => this.handleFailed(msg, err),
      );
    this.send(reply);
  }

  /** Answers a message whose handling failed: its PlugkitError, or a server fault (logged). */
  private handleFailed(msg: AnyMessage, err: unknown): void {
    if (err instanceof PlugkitError) return this.sendError(msg.Id, err.protocolCode, err.message);
    this.opts.log('error', `handling ${msg.type}: ${(err as Error).stack ?? err}`);
    this.opts.events.emit({
      kind: 'error',
      scope: 'session',
      message: `The server failed to handle ${msg.type}: ${(err as Error).message}`,
      error: err,
    });
    this.sendError(
      msg.Id,
      ErrorCode.Unknown,
      `The server failed to handle ${msg.type}: ${(err as Error).message}`,
    );
  }

  private handshake(msg: AnyMessage): void {
    const requested =
      typeof msg['ProtocolVersionMajor'] === 'number'
        ? (msg['ProtocolVersionMajor'] as number)
        : typeof msg['MessageVersion'] === 'number'
          ? (msg['MessageVersion'] as number)
          : 0;
    const versions = [...this.opts.adapters.keys()].sort((a, b) => a - b);
    const newest = versions[versions.length - 1]!;
    const factory = this.opts.adapters.get(requested);
    if (!factory) {
      const why =
        requested > newest
          ? `Client asked for spec v${requested}; this server speaks up to v${newest}. Connect with spec v${newest} or older.`
          : `Client asked for spec v${requested}; this server speaks ${versions.map((v) => `v${v}`).join(', ')}.`;
      return this.sendError(msg.Id, ErrorCode.Init, why);
    }
    this.clientName = msg['ClientName'] as string;
    this.adapter = factory(this.opts.core, { emit: (m) => this.send(m) });
    this.handshakeTimer?.cancel();
    this.state = 'ready';
    this.send(
      this.adapter.serverInfo(msg.Id, { name: this.opts.serverName, maxPingTime: this.opts.maxPingTime }),
    );
    this.opts.log(
      'info',
      `client "${this.clientName}" (${this.opts.clientLabel}) connected with spec v${requested}`,
    );
    this.opts.events.emit({
      kind: 'client-connected',
      clientName: this.clientName,
      specVersion: requested,
      label: this.opts.clientLabel,
    });
    const core = this.opts.core;
    const adapter = this.adapter;
    this.subscriptions.push(
      core.manager.changed$.subscribe(() => adapter.devicesChanged(core).forEach((m) => this.send(m))),
      core.manager.reading$.subscribe((r) => adapter.reading(r).forEach((m) => this.send(m))),
      core.manager.scanningFinished$.subscribe(() => this.send({ type: 'ScanningFinished', Id: SYSTEM_ID })),
    );
    this.armPingTimer();
  }

  private armPingTimer(): void {
    if (this.opts.maxPingTime <= 0) return;
    this.pingTimer?.cancel();
    this.pingTimer = this.opts.clock.schedule(this.opts.maxPingTime, () => void this.pingedOut());
  }

  private async pingedOut(): Promise<void> {
    if (this.state !== 'ready') return;
    this.state = 'pinged-out';
    this.opts.log(
      'warn',
      `client "${this.clientName}" sent no Ping within ${this.opts.maxPingTime} ms: stopping devices`,
    );
    this.sendError(
      SYSTEM_ID,
      ErrorCode.Ping,
      `No Ping within MaxPingTime (${this.opts.maxPingTime} ms); all devices were stopped.`,
    );
    await this.end('ping timeout');
    this.conn.close(4000, 'ping timeout');
  }

  private async handshakeTimedOut(): Promise<void> {
    if (this.state !== 'handshake' || this.adapter) return;
    const ms = this.opts.handshakeTimeoutMs;
    this.opts.log('warn', `${this.opts.clientLabel} sent no RequestServerInfo within ${ms} ms: closing`);
    this.sendError(
      SYSTEM_ID,
      ErrorCode.Init,
      `No RequestServerInfo within ${ms} ms of connecting; reconnect and start with the handshake.`,
    );
    await this.end('handshake timeout');
    this.conn.close(4001, `handshake timeout: no RequestServerInfo within ${ms} ms`);
  }

  private async end(why: string): Promise<void> {
    if (this.state === 'closed') return this.ended;
    const wasConnected = this.adapter !== undefined;
    this.state = 'closed';
    this.pingTimer?.cancel();
    this.handshakeTimer?.cancel();
    for (const s of this.subscriptions) s.unsubscribe();
    await this.adapter
      ?.close?.()
      .catch((err: unknown) =>
        this.opts.log('warn', `closing the session adapter: ${(err as Error).message}`),
      );
    if (wasConnected) {
      this.opts.log('info', `client "${this.clientName}" session ended (${why}): stopping all devices`);
      await this.opts.core.manager.stopScanning().catch(() => {});
      await this.opts.core.manager.stopAll();
      this.opts.events.emit({ kind: 'client-disconnected', clientName: this.clientName ?? '', reason: why });
    }
    this.resolveEnded();
  }
}
