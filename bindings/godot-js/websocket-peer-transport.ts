import { ReplaySubject, Subject } from 'rxjs';
import type { WebSocketPeer } from 'godot';
import { PlugkitError, realClock } from './sdk.js';
import type { Clock, Transport, TransportConnectOptions, TransportConnection } from './sdk.js';

/** The part of Godot's `WebSocketPeer` the transport uses (tests hand in a stand-in). */
export type PeerLike = Pick<
  WebSocketPeer,
  | 'connect_to_url'
  | 'send_text'
  | 'poll'
  | 'close'
  | 'get_ready_state'
  | 'get_available_packet_count'
  | 'get_packet'
  | 'was_string_packet'
  | 'get_close_code'
  | 'get_close_reason'
  | 'get_current_outbound_buffered_amount'
>;

/** Options of {@link webSocketPeerTransport}. */
export interface PeerTransportOptions {
  /** Makes a new, unconnected peer (`() => new WebSocketPeer()` in a game). */
  createPeer: () => PeerLike;
  /** How long opening may take, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** Clock for the connect timeout; default the client's, else the real clock. */
  clock?: Clock;
}

/** A transport whose sockets move only when {@link PolledTransport.poll} is called (each frame). */
export interface PolledTransport extends Transport {
  /** Polls every open socket: sends what is queued, delivers what arrived, notices a close. */
  poll(): void;
  /** Polls until the sockets' outgoing buffers are empty or `maxPolls` polls were made. */
  flush(maxPolls?: number): void;
  /** Sockets not yet closed (a closing one counts until its close handshake ends). */
  readonly openSockets: number;
}

// WebSocketPeer.State; numbers so the transport needs no value import from godot.
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

interface Live {
  peer: PeerLike;
  /** Runs once per poll; returns false when the socket is finished with. */
  step(): boolean;
}

/**
 * A Buttplug transport over Godot's `WebSocketPeer`. Godot sockets do nothing on their own:
 * state, incoming frames and outgoing data move only inside `poll()`, so the owner calls
 * {@link PolledTransport.poll} from `_process`. Reconnectable, like the WHATWG one.
 */
export function webSocketPeerTransport(url: string, options: PeerTransportOptions): PolledTransport {
  if (typeof url !== 'string' || !/^wss?:\/\/./i.test(url))
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'BadUrl',
      `the server URL must start with ws:// or wss://; got ${String(url)}.`,
    );
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const live = new Set<Live>();
  const poll = (): void => {
    for (const l of [...live]) if (!l.step()) live.delete(l);
  };
  return {
    description: url,
    reconnectable: true,
    poll,
    get openSockets() {
      return live.size;
    },
    flush(maxPolls = 50) {
      for (let i = 0; i < maxPolls; i++) {
        poll();
        if ([...live].every((l) => l.peer.get_current_outbound_buffered_amount() === 0)) return;
      }
    },
    connect(context?: TransportConnectOptions): Promise<TransportConnection> {
      const clock = options.clock ?? context?.clock ?? realClock;
      return new Promise((resolve, reject) => {
        const peer = options.createPeer();
        const err = peer.connect_to_url(url);
        if (err !== 0) {
          reject(
            new PlugkitError('TRANSPORT', 'ConnectFailed', `Could not open ${url} (Godot error ${err}).`),
          );
          return;
        }
        const frames = new Subject<string>();
        const closed = new ReplaySubject<string>(1);
        let opened = false;
        let ended = false;
        const end = (reason: string): void => {
          if (ended) return;
          ended = true;
          closed.next(reason);
          closed.complete();
          frames.complete();
        };
        const timer = clock.schedule(timeoutMs, () => {
          if (opened || ended) return;
          ended = true;
          peer.close();
          reject(
            new PlugkitError(
              'TRANSPORT',
              'ConnectTimeout',
              `${url} did not accept the connection within ${timeoutMs} ms.`,
            ),
          );
        });
        const connection: TransportConnection = {
          send: (frame) => {
            if (!ended && peer.get_ready_state() === OPEN) peer.send_text(frame);
          },
          frame$: frames.asObservable(),
          closed$: closed.asObservable(),
          close: () => {
            if (ended) return;
            end('closed by the client');
            // The close handshake itself runs in later polls; keep polling until CLOSED.
            peer.close(1000, 'client disconnect');
          },
        };
        live.add({
          peer,
          step: () => {
            peer.poll();
            const state = peer.get_ready_state();
            if (state === CONNECTING) return true;
            if (!opened && !ended && state === OPEN) {
              opened = true;
              timer.cancel();
              resolve(connection);
            }
            while (peer.get_available_packet_count() > 0) {
              const packet = peer.get_packet();
              // Binary frames are not part of the protocol; servers ignore them too.
              if (peer.was_string_packet() && !ended) frames.next(packet.get_string_from_utf8());
            }
            if (state !== CLOSED) return true;
            timer.cancel();
            const code = peer.get_close_code();
            const reason = peer.get_close_reason();
            if (!opened && !ended) {
              ended = true;
              reject(
                new PlugkitError(
                  'TRANSPORT',
                  'ConnectFailed',
                  `Could not connect to ${url} (closed with code ${code}).`,
                ),
              );
            } else end(`server closed the connection (code ${code}${reason ? `, ${reason}` : ''})`);
            return false;
          },
        });
      });
    },
  };
}
