import { createServer, type AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, websocketTransport, type PlugkitClient } from '../../../sdk/index.js';
import {
  PlugkitServer,
  embedded,
  listenWebSocket,
  startServer,
  type WebSocketListener,
} from '../../../server-embedded/index.js';
import { rejection, waitFor, waitForDevices } from '../../support/observables.js';

const ws = (url: string) => websocketTransport(url, { WebSocket });
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A port nothing listens on: bound, then released. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function serve(maxPingTime = 0): Promise<{ server: PlugkitServer; listener: WebSocketListener }> {
  const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off', maxPingTime });
  const listener = await listenWebSocket(server, { port: 0 });
  cleanup.push(
    () => server.close(),
    () => listener.close(),
  );
  return { server, listener };
}

const track = (client: PlugkitClient) => {
  cleanup.push(() => client.disconnect());
  return client;
};

describe('client over a real WebSocket', () => {
  it('drives a simulated toy on a plugkit server through ws://127.0.0.1', async () => {
    const { server, listener } = await serve();
    const client = track(await connect({ name: 'ws test', transports: [ws(listener.url)] }));
    expect(client.specVersion).toBe(4);
    expect(client.serverName).toBe('plugkit');
    expect(client.transportDescription).toBe(listener.url);
    const scanning: boolean[] = [];
    client.scanning$.subscribe((s) => scanning.push(s));
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    await waitFor(client.scanning$, (s) => !s); // the simulated backend finishes its scan on its own
    expect(scanning).toEqual([false, true, false]);
    await device!.vibrate(0.5);
    const sim = server.simulated.devices[0]!;
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 0x40],
      [0xf2, 0x40],
    ]);
    await client.disconnect();
    expect(client.state).toBe('disconnected');
    // The server stops toys when its client leaves.
    if (sim.writes.length < 4) await waitFor(sim.command$, () => sim.writes.length >= 4);
    expect(sim.writes.slice(-2).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
  });

  it('tries transports in order: a dead address first, then the live server', async () => {
    const { listener } = await serve();
    const dead = `ws://127.0.0.1:${await freePort()}`;
    const client = track(await connect({ name: 'fallback', transports: [ws(dead), ws(listener.url)] }));
    expect(client.transportDescription).toBe(listener.url);
  });

  it('prefers the embedded server when it is listed first', async () => {
    const { listener } = await serve();
    const client = track(
      await connect({ name: 'embedded first', transports: [embedded({ log: 'off' }), ws(listener.url)] }),
    );
    expect(client.transportDescription).toBe('embedded');
  });

  it('names every failure when no transport connects', async () => {
    const a = `ws://127.0.0.1:${await freePort()}`;
    const b = `ws://127.0.0.1:${await freePort()}`;
    const err = await rejection(connect({ name: 'none', transports: [ws(a), ws(b)] }));
    expect(err.code).toBe('TRANSPORT');
    expect(err.message).toContain(a);
    expect(err.message).toContain(b);
  });

  it('is refused with a clear error while another client holds the server', async () => {
    const { listener } = await serve();
    track(await connect({ name: 'first', transports: [ws(listener.url)] }));
    const err = await rejection(
      connect({ name: 'second', transports: [ws(listener.url)], requestTimeoutMs: 2000 }),
    );
    expect(err.code).toBe('NOT_CONNECTED');
    expect(err.message).toMatch(/another client/);
  });

  it('startServer listens on WebSocket and closes cleanly', async () => {
    const running = await startServer({ simulate: ['Massage Demo'], log: 'off', websocket: { port: 0 } });
    cleanup.push(() => running.close());
    expect(running.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const client = track(await connect({ name: 'startServer', transports: ws(running.url!) }));
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    await device!.outputs('Vibrate')[0]!.set(1);
    expect(running.server.simulated.devices[0]!.writes.at(-1)!.data).toEqual([0xf1, 127]);
  });

  it('reports a missing WebSocket implementation instead of crashing', async () => {
    const g = globalThis as { WebSocket?: unknown };
    if (g.WebSocket) return; // Node 22+ has one; this case is for runtimes without it
    const err = await rejection(
      connect({ name: 'no ws', transports: websocketTransport('ws://127.0.0.1:1') }),
    );
    expect(err.code).toBe('TRANSPORT');
    expect(err.message).toMatch(/no global WebSocket/);
  });
});
