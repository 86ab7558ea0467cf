import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, websocketTransport, type ConnectionState, type Device } from '../../../sdk/index.js';
import {
  PlugkitServer,
  listenWebSocket,
  protocols,
  type WebSocketListener,
} from '../../../server-embedded/index.js';
import { rejection, waitFor, waitForDevices } from '../../support/observables.js';
import { pressureProtocol } from '../../support/pressure-protocol.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('reconnecting after a network drop', () => {
  it('shows reconnecting, fails commands fast, and reuses the same Device once the server is back on its port', async () => {
    const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    cleanup.push(() => server.close());
    let listener: WebSocketListener = await listenWebSocket(server, { port: 0 });
    const port = listener.port;
    cleanup.push(() => listener.close());

    const client = await connect({
      name: 'reconnect',
      transports: websocketTransport(listener.url, { WebSocket }),
      reconnect: { attempts: 100, initialDelayMs: 10, maxDelayMs: 50 },
    });
    cleanup.push(() => client.disconnect());
    const states: ConnectionState[] = [];
    client.state$.subscribe((s) => states.push(s));
    const added: Device[] = [];
    const removed: Device[] = [];
    client.deviceAdded$.subscribe((d) => added.push(d));
    client.deviceRemoved$.subscribe((d) => removed.push(d));
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);

    await listener.close(); // drops the socket; nothing listens on the port now
    await waitFor(client.state$, (s) => s === 'reconnecting');
    expect(client.devices).toEqual([]);
    expect(removed).toEqual([device]);
    expect(device!.available).toBe(false);
    const err = await rejection(device!.vibrate(0.5));
    expect(err.code).toBe('NOT_CONNECTED');
    expect(err.message).toMatch(/reconnecting/);
    expect((await rejection(client.stopAll())).code).toBe('NOT_CONNECTED');

    listener = await listenWebSocket(server, { port });
    await waitFor(client.state$, (s) => s === 'connected');
    const [again] = await waitForDevices(client, 1);
    expect(again).toBe(device);
    expect(added).toEqual([device, device]);
    expect(device!.available).toBe(true);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    await device!.vibrate(0.5);
    expect(server.simulated.devices[0]!.writes.at(-1)!.data).toEqual([0xf2, 0x40]);
  });

  it('gives up after the configured attempts and ends disconnected', async () => {
    const server = await PlugkitServer.create({ log: 'off' });
    cleanup.push(() => server.close());
    const listener = await listenWebSocket(server, { port: 0 });
    const client = await connect({
      name: 'give up',
      transports: websocketTransport(listener.url, { WebSocket }),
      reconnect: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    });
    cleanup.push(() => client.disconnect());
    const states: ConnectionState[] = [];
    client.state$.subscribe((s) => states.push(s));
    await listener.close();
    await waitFor(client.state$, (s) => s === 'disconnected');
    expect(states).toEqual(['connected', 'reconnecting', 'disconnected']);
  });

  it('does not reconnect when told not to', async () => {
    const server = await PlugkitServer.create({ log: 'off' });
    cleanup.push(() => server.close());
    const listener = await listenWebSocket(server, { port: 0 });
    const client = await connect({
      name: 'no reconnect',
      transports: websocketTransport(listener.url, { WebSocket }),
      reconnect: false,
    });
    cleanup.push(() => client.disconnect());
    const states: ConnectionState[] = [];
    client.state$.subscribe((s) => states.push(s));
    await listener.close();
    await waitFor(client.state$, (s) => s === 'disconnected');
    expect(states).toEqual(['connected', 'disconnected']);
  });
});

describe('input streams across a reconnect', () => {
  it('re-subscribes an input that still has observers once the connection is back', async () => {
    const server = await PlugkitServer.create({
      log: 'off',
      protocols: new Map([...protocols, ['kgoal-boost', pressureProtocol]]),
      simulate: ['Boost'],
    });
    cleanup.push(() => server.close());
    let listener: WebSocketListener = await listenWebSocket(server, { port: 0 });
    const port = listener.port;
    cleanup.push(() => listener.close());
    const client = await connect({
      name: 'resubscribe',
      transports: websocketTransport(listener.url, { WebSocket }),
      reconnect: { attempts: 100, initialDelayMs: 10, maxDelayMs: 50 },
    });
    cleanup.push(() => client.disconnect());
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    const sim = server.simulated.devices[0]!;
    const subscribes = () => sim.commands.filter((c) => c.kind === 'subscribe').length;

    const values: number[] = [];
    const first = waitFor(sim.command$, (c) => c.kind === 'subscribe');
    const sub = device!.inputs('Pressure')[0]!.values$.subscribe((v) => values.push(v));
    cleanup.push(async () => sub.unsubscribe());
    await first;

    await listener.close();
    await waitFor(client.state$, (s) => s === 'reconnecting');
    const again = waitFor(sim.command$, (c) => c.kind === 'subscribe');
    listener = await listenWebSocket(server, { port });
    await again;
    expect(subscribes()).toBe(2);
    await device!.battery().catch(() => undefined); // a round trip: the Subscribe has been handled
    sim.notify('rxpressure', [7, 0]);
    await waitFor(device!.inputs('Pressure')[0]!.values$, (v) => v === 7);
    expect(values).toEqual([7]);
  });
});
