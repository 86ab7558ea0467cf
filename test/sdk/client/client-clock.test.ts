import { afterEach, describe, expect, it } from 'vitest';
import {
  VirtualClock,
  connect,
  realClock,
  websocketTransport,
  type ConnectionState,
  type PlugkitClient,
  type WebSocketLike,
} from '../../../sdk/index.js';
import { PlugkitServer, inProcessTransport, protocols } from '../../../server-embedded/index.js';
import { pressureProtocol } from '../../support/pressure-protocol.js';
import { rejection } from '../../support/observables.js';
import { flush, scriptedServer, until, vibrator } from './scripted-server.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function connected(options: Parameters<typeof connect>[0]): Promise<PlugkitClient> {
  const client = await connect(options);
  cleanup.push(() => client.disconnect());
  return client;
}

describe('the client on a clock', () => {
  it('exposes the clock it was given, realClock by default, and refuses something else', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock });
    expect((await connected({ name: 'c', transports: server.transport, clock })).clock).toBe(clock);
    expect((await connected({ name: 'c', transports: scriptedServer({ clock }).transport })).clock).toBe(
      realClock,
    );
    const err = await rejection(
      connect({ name: 'c', transports: server.transport, clock: {} as unknown as VirtualClock }),
    );
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/clock must be a Clock/);
  });

  it('times a request out on the virtual clock, and only at its deadline', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({
      clock,
      devices: [vibrator()],
      handle: (m) => m.type === 'OutputCmd', // swallowed: never answered
    });
    const client = await connected({
      name: 'c',
      transports: server.transport,
      clock,
      requestTimeoutMs: 5000,
    });
    const outcome = rejection(client.devices[0]!.vibrate(0.5));
    await until(() => server.received.some((m) => m.type === 'OutputCmd'), 'the OutputCmd');
    clock.advance(4999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    clock.advance(1);
    const err = await outcome;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe('OutputCmd got no reply within 5000 ms; the server may be busy or gone.');
    expect(client.state).toBe('connected');
  });

  it('pings at half the MaxPingTime the server asks for', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, maxPingTime: 1000 });
    await connected({ name: 'c', transports: server.transport, clock });
    const pings = () => server.received.filter((m) => m.type === 'Ping').length;
    clock.advance(499);
    await flush();
    expect(pings()).toBe(0);
    clock.advance(1);
    await flush();
    expect(pings()).toBe(1);
    clock.advance(1500);
    await flush();
    expect(pings()).toBe(4);
  });

  it('waits the backoff between reconnect attempts (initial × factor^n, capped), then gives up', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, devices: [vibrator()] });
    const client = await connected({
      name: 'c',
      transports: server.transport,
      clock,
      reconnect: { attempts: 4, initialDelayMs: 100, factor: 2, maxDelayMs: 300 },
    });
    const states: ConnectionState[] = [];
    client.state$.subscribe((s) => states.push(s));
    server.up = false;
    server.drop();
    await until(() => client.state === 'reconnecting', 'reconnecting');
    expect(clock.now()).toBe(0); // the drop happened at t = 0; the first connect too
    const attempts = [100, 300, 600, 900];
    for (const [n, at] of attempts.entries()) {
      await clock.advanceAsync(at - 1 - clock.now());
      expect(server.connects, `no attempt before ${at} ms`).toHaveLength(1 + n);
      await clock.advanceAsync(1);
      await until(() => server.connects.length === 2 + n, `the attempt at ${at} ms`);
    }
    expect(server.connects).toEqual([0, ...attempts]);
    await until(() => client.state === 'disconnected', 'giving up');
    expect(states).toEqual(['connected', 'reconnecting', 'disconnected']);
    expect(clock.pending).toBe(0);
  });

  it('reconnects once the server is back, on the backoff schedule, and keeps the Device object', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, devices: [vibrator()] });
    const client = await connected({
      name: 'c',
      transports: server.transport,
      clock,
      reconnect: { attempts: 10, initialDelayMs: 250, maxDelayMs: 5000 },
    });
    const device = client.devices[0]!;
    server.up = false;
    server.drop();
    await until(() => client.state === 'reconnecting', 'reconnecting');
    await clock.advanceAsync(250); // attempt 1 fails
    server.up = true;
    await clock.advanceAsync(499);
    expect(client.state).toBe('reconnecting');
    await clock.advanceAsync(1); // attempt 2, 500 ms later, succeeds
    await until(() => client.state === 'connected', 'connected');
    expect(server.connects).toHaveLength(3);
    expect(client.devices).toEqual([device]);
    await device.vibrate(1);
  });

  it('polls an input that cannot stream on the clock: at once, then every minute, until unsubscribed', async () => {
    const clock = new VirtualClock();
    const server = await PlugkitServer.create({
      log: 'off',
      protocols: new Map([...protocols, ['kgoal-boost', pressureProtocol]]),
      simulate: [{ name: 'Boost', onRead: () => Uint8Array.of(42) }],
    });
    cleanup.push(() => server.close());
    const client = await connected({ name: 'poll', transports: inProcessTransport(server), clock });
    await client.startScanning();
    await until(() => client.devices.length === 1, 'the Boost');
    const battery = client.devices[0]!.inputs('Battery')[0]!;
    expect(battery.canSubscribe).toBe(false);
    const values: number[] = [];
    const sub = battery.values$.subscribe((v) => values.push(v));
    await until(() => values.length === 1, 'the first read');
    await clock.advanceAsync(59_999);
    expect(values).toEqual([42]);
    await clock.advanceAsync(1);
    await until(() => values.length === 2, 'the second read');
    await clock.advanceAsync(120_000);
    await until(() => values.length === 4, 'two more reads');
    sub.unsubscribe();
    await clock.advanceAsync(600_000);
    expect(values).toEqual([42, 42, 42, 42]);
  });
});

describe('websocket connect timeout on the clock', () => {
  /** A socket that never opens. */
  class Silent implements WebSocketLike {
    static made: Silent[] = [];
    readyState = 0;
    closed = false;
    onopen: ((ev: unknown) => void) | null = null;
    onmessage: ((ev: unknown) => void) | null = null;
    onclose: ((ev: unknown) => void) | null = null;
    onerror: ((ev: unknown) => void) | null = null;
    constructor(readonly url: string) {
      Silent.made.push(this);
    }
    send(): void {}
    close(): void {
      this.closed = true;
    }
  }

  it('gives up after connectTimeoutMs on the clock the client passes', async () => {
    const clock = new VirtualClock();
    const transport = websocketTransport('ws://127.0.0.1:1', { WebSocket: Silent, connectTimeoutMs: 3000 });
    const outcome = rejection(transport.connect({ clock }));
    clock.advance(2999);
    expect(Silent.made.at(-1)!.closed).toBe(false);
    clock.advance(1);
    const err = await outcome;
    expect(err.code).toBe('TRANSPORT');
    expect(err.reason).toBe('ConnectTimeout');
    expect(err.message).toBe('ws://127.0.0.1:1 did not accept the connection within 3000 ms.');
    expect(Silent.made.at(-1)!.closed).toBe(true);
  });

  it('connect({ clock }) hands its clock to the transport; a clock in the options wins', async () => {
    const clientClock = new VirtualClock();
    const outcome = rejection(
      connect({
        name: 'c',
        transports: websocketTransport('ws://127.0.0.1:1', { WebSocket: Silent }),
        clock: clientClock,
      }),
    );
    clientClock.advance(10_000);
    expect((await outcome).reason).toBe('ConnectTimeout');

    const own = new VirtualClock();
    const transport = websocketTransport('ws://127.0.0.1:1', { WebSocket: Silent, clock: own });
    const second = rejection(transport.connect({ clock: clientClock }));
    clientClock.advance(20_000);
    expect(own.pending).toBe(1);
    own.advance(10_000);
    expect((await second).reason).toBe('ConnectTimeout');
  });
});
