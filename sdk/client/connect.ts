import { realClock, type Clock } from '../clock/index.js';
import { PlugkitError } from '../protocol/index.js';
import type { Transport } from '../transport/types.js';
import { PlugkitClient } from './client.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './message-channel.js';
import { reconnectPolicy, type ReconnectOptions } from './reconnect.js';
import { openSession } from './session.js';

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** Your app's name, shown by the server (e.g. in Intiface Central). */
  name: string;
  /**
   * Where to connect, tried in order until one works: e.g.
   * `[embedded({ simulate: ['Massage Demo'] }), websocketTransport('ws://127.0.0.1:12345')]`.
   */
  transports: Transport | readonly Transport[];
  /** How long any request may wait for its reply, in ms (default 10 000). */
  requestTimeoutMs?: number;
  /**
   * Re-open a dropped network connection with backoff (default on: 10 attempts, 250 ms doubling
   * to at most 5 s). `false` turns it off.
   */
  reconnect?: boolean | ReconnectOptions;
  /**
   * Where the client's time comes from: request timeouts, pings, reconnect backoff, input
   * polling, and the transport's own timeouts. Default {@link realClock}; tests pass a
   * {@link VirtualClock}. Read it back as {@link PlugkitClient.clock}.
   */
  clock?: Clock;
}

const bad = (message: string) => new PlugkitError('INVALID_ARGUMENT', 'BadOption', message);

/**
 * Connects to a Buttplug server through the first transport that works, negotiates the spec
 * version (v4, else v3) and fetches the device list. Rejects with a PlugkitError naming every
 * transport's failure if none works.
 */
export async function connect(options: ConnectOptions): Promise<PlugkitClient> {
  if (typeof options !== 'object' || options === null)
    throw bad('connect needs options: { name, transports }.');
  const { name } = options;
  if (typeof name !== 'string' || name.trim() === '')
    throw bad('connect needs a non-empty name for your app.');
  const transports = Array.isArray(options.transports) ? options.transports : [options.transports];
  if (transports.length === 0 || transports.some((t) => typeof t?.connect !== 'function'))
    throw bad('connect needs at least one transport, e.g. websocketTransport("ws://127.0.0.1:12345").');
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (typeof requestTimeoutMs !== 'number' || !Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0)
    throw bad(`requestTimeoutMs must be a positive number of ms; got ${String(requestTimeoutMs)}.`);
  const reconnect = reconnectPolicy(options.reconnect);
  const clock = options.clock ?? realClock;
  if (
    typeof clock?.now !== 'function' ||
    typeof clock.schedule !== 'function' ||
    typeof clock.repeat !== 'function'
  )
    throw bad('clock must be a Clock (now, schedule, repeat), e.g. realClock or a VirtualClock.');

  const failures: PlugkitError[] = [];
  for (const transport of transports as Transport[]) {
    try {
      const session = await openSession(transport, name, requestTimeoutMs, clock);
      return new PlugkitClient({ name, requestTimeoutMs, reconnect, clock }, session);
    } catch (err) {
      failures.push(
        err instanceof PlugkitError
          ? err
          : new PlugkitError(
              'TRANSPORT',
              'ConnectFailed',
              `${transport.description}: ${(err as Error).message}`,
            ),
      );
    }
  }
  if (failures.length === 1) throw failures[0]!;
  const only = failures.every((f) => f.code === failures[0]!.code) ? failures[0]!.code : 'TRANSPORT';
  throw new PlugkitError(
    only,
    'NoTransportConnected',
    `No transport connected: ${failures.map((f, i) => `${(transports as Transport[])[i]!.description}: ${f.message}`).join(' | ')}`,
  );
}
