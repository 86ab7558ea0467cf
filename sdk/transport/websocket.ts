import { ReplaySubject, Subject } from 'rxjs';
import { realClock, type Clock } from '../clock/index.js';
import { PlugkitError } from '../protocol/index.js';
import type { Transport, TransportConnectOptions, TransportConnection } from './types.js';

/**
 * The part of the WHATWG WebSocket API the transport uses (browsers, `ws`, GodotJS shims).
 * Handler events are typed loosely so that every implementation's own event types fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: any) => void) | null;
  onclose: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
}

/** A WebSocket constructor: the global one, `ws`'s, or a runtime's own. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of {@link websocketTransport}. */
export interface WebSocketTransportOptions {
  /** WebSocket implementation; defaults to the global `WebSocket` (browsers, Node 22+). In Node 20 pass `ws`. */
  WebSocket?: WebSocketConstructor;
  /** How long opening the socket may take, in ms (default 10 000). */
  connectTimeoutMs?: number;
  /**
   * Clock for the connect timeout. Default: the clock of the client that connects (see
   * `connect({ clock })`), else {@link realClock}.
   */
  clock?: Clock;
}

const OPEN = 1;

/**
 * A transport to a Buttplug server over WebSocket (Intiface Central/Engine, `plugkit serve`).
 * Reconnectable: a client re-opens it with backoff when it drops.
 */
export function websocketTransport(url: string, options: WebSocketTransportOptions = {}): Transport {
  if (typeof url !== 'string' || !/^wss?:\/\/./i.test(url))
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'BadUrl',
      `websocketTransport needs a ws:// or wss:// URL; got ${String(url)}.`,
    );
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return {
    description: url,
    reconnectable: true,
    connect(context?: TransportConnectOptions): Promise<TransportConnection> {
      const Impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
      if (!Impl)
        return Promise.reject(
          new PlugkitError(
            'TRANSPORT',
            'NoWebSocket',
            'This runtime has no global WebSocket; pass one: websocketTransport(url, { WebSocket }) (in Node 20: import { WebSocket } from "ws").',
          ),
        );
      return open(Impl, url, timeoutMs, options.clock ?? context?.clock ?? realClock);
    },
  };
}

function open(
  Impl: WebSocketConstructor,
  url: string,
  timeoutMs: number,
  clock: Clock,
): Promise<TransportConnection> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new Impl(url);
    } catch (err) {
      reject(
        new PlugkitError('TRANSPORT', 'ConnectFailed', `Could not open ${url}: ${(err as Error).message}`),
      );
      return;
    }
    const frames = new Subject<string>();
    const closed = new ReplaySubject<string>(1);
    let settled = false;
    let ended = false;
    let lastError = '';
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      closed.next(reason);
      closed.complete();
      frames.complete();
    };
    const timer = clock.schedule(timeoutMs, () => {
      if (settled) return;
      settled = true;
      reject(
        new PlugkitError(
          'TRANSPORT',
          'ConnectTimeout',
          `${url} did not accept the connection within ${timeoutMs} ms.`,
        ),
      );
      try {
        socket.close();
      } catch {
        // the socket may not be closable before it opened; it is abandoned either way
      }
    });
    socket.onopen = () => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve({
        send: (frame) => {
          if (socket.readyState === OPEN) socket.send(frame);
        },
        frame$: frames.asObservable(),
        closed$: closed.asObservable(),
        close: () => {
          if (ended) return;
          end('closed by the client');
          socket.close(1000, 'client disconnect');
        },
      });
    };
    socket.onmessage = (ev: { data?: unknown }) => {
      if (typeof ev.data === 'string') frames.next(ev.data);
      // Binary frames are not part of the protocol; ignore them as servers do.
    };
    socket.onerror = (ev: unknown) => {
      const message =
        (ev as { message?: unknown; error?: { message?: unknown } })?.message ??
        (ev as { error?: { message?: unknown } })?.error?.message;
      if (typeof message === 'string') lastError = message;
    };
    socket.onclose = (ev: { code?: number; reason?: string } | undefined) => {
      timer.cancel();
      if (!settled) {
        settled = true;
        reject(
          new PlugkitError(
            'TRANSPORT',
            'ConnectFailed',
            `Could not connect to ${url}${lastError ? `: ${lastError}` : ` (closed with code ${ev?.code ?? '?'})`}.`,
          ),
        );
        return;
      }
      end(`server closed the connection (code ${ev?.code ?? '?'}${ev?.reason ? `, ${ev.reason}` : ''})`);
    };
  });
}
