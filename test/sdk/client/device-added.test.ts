import { config, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, connect, type ConnectionState, type Device } from '../../../sdk/index.js';
import { PlugkitServer, inProcessTransport } from '../../../server-embedded/index.js';
import { waitFor, waitForDevices } from '../../support/observables.js';
import { flush, scriptedServer, until, vibrator } from './scripted-server.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('deviceAdded$', () => {
  it('finds the toy whether the server already has it or a scan finds it: one scenario, run twice on one server', async () => {
    const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    cleanup.push(() => server.close());
    const sim = server.simulated.devices[0]!;

    // What a user writes: connect, then listen for toys, then scan.
    const scenario = async () => {
      const client = await connect({ name: 'twice', transports: inProcessTransport(server) });
      const presentAtConnect = client.devices.length;
      const found = firstValueFrom(client.deviceAdded$);
      await client.startScanning();
      const toy = await found;
      await toy.vibrate(0.5);
      await client.disconnect();
      return { presentAtConnect, name: toy.name };
    };

    expect(await scenario()).toEqual({ presentAtConnect: 0, name: 'Aneros Vivi' }); // found by the scan
    expect(await scenario()).toEqual({ presentAtConnect: 1, name: 'Aneros Vivi' }); // already there
    expect(sim.writes.filter((w) => w.data[1] === 0x40)).toHaveLength(4); // both motors, both runs
  });

  it('announces the devices present at subscription, then each later one, each once per subscriber', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, devices: [vibrator(0, 'A'), vibrator(1, 'B')] });
    const client = await connect({ name: 'replay', transports: server.transport, clock });
    cleanup.push(() => client.disconnect());
    const names = (list: Device[]) => list.map((d) => d.name);

    const early: Device[] = [];
    client.deviceAdded$.subscribe((d) => early.push(d));
    expect(names(early)).toEqual(['A', 'B']); // synchronously, in the server's order

    // A subscriber that joins from a devices$ callback, while a new list is being applied.
    const joined: Device[] = [];
    let joinedOnce = false;
    client.devices$.subscribe((list) => {
      if (list.length === 3 && !joinedOnce) {
        joinedOnce = true;
        client.deviceAdded$.subscribe((d) => joined.push(d));
      }
    });
    server.event('DeviceList', {
      Devices: { '0': vibrator(0, 'A'), '1': vibrator(1, 'B'), '2': vibrator(2, 'C') },
    });
    await until(() => early.length === 3, 'C');
    expect(names(early)).toEqual(['A', 'B', 'C']);
    expect(names(joined)).toEqual(['A', 'B', 'C']); // C exactly once: not both replayed and live

    // A removed device is no longer replayed.
    server.event('DeviceList', { Devices: { '1': vibrator(1, 'B'), '2': vibrator(2, 'C') } });
    await until(() => client.devices.length === 2, 'A removed');
    const late: Device[] = [];
    client.deviceAdded$.subscribe((d) => late.push(d));
    expect(names(late)).toEqual(['B', 'C']);
  });
});

describe('state$ and scanning$ emit changes only', () => {
  it('scanning$: no second false when the reply and ScanningFinished both say it stopped', async () => {
    const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    cleanup.push(() => server.close());
    const client = await connect({ name: 'scan', transports: inProcessTransport(server) });
    cleanup.push(() => client.disconnect());
    const scanning: boolean[] = [];
    client.scanning$.subscribe((s) => scanning.push(s));
    await client.startScanning();
    await waitFor(client.scanning$, (s) => !s); // the simulated scan finishes on its own
    await client.stopScanning();
    await client.startScanning();
    await client.stopScanning();
    await waitForDevices(client, 1);
    await client.disconnect();
    await flush();
    expect(scanning).toEqual([false, true, false, true, false]);
  });

  it('state$: connected, then disconnected once, however often disconnect is called', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock });
    const client = await connect({ name: 'state', transports: server.transport, clock, reconnect: false });
    const states: ConnectionState[] = [];
    client.state$.subscribe((s) => states.push(s));
    await client.disconnect();
    await client.disconnect();
    server.drop();
    await flush();
    expect(states).toEqual(['connected', 'disconnected']);
  });
});

describe('errors in user callbacks', () => {
  it('a subscriber that throws does not stop the client or other subscribers; the error is reported, not swallowed', async () => {
    const reported: unknown[] = [];
    const before = config.onUnhandledError;
    config.onUnhandledError = (err) => reported.push(err);
    cleanup.push(() => {
      config.onUnhandledError = before;
    });
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, devices: [vibrator(0, 'A')] });
    const client = await connect({ name: 'throws', transports: server.transport, clock });
    cleanup.push(() => client.disconnect());

    const seen: string[] = [];
    const buggy = [
      client.deviceAdded$.subscribe(() => {
        throw new Error('bug in the app');
      }),
      client.devices$.subscribe(() => {
        throw new Error('another bug');
      }),
    ];
    cleanup.push(() => buggy.forEach((s) => s.unsubscribe()));
    client.deviceAdded$.subscribe((d) => seen.push(d.name));
    server.event('DeviceList', { Devices: { '0': vibrator(0, 'A'), '1': vibrator(1, 'B') } });
    await until(() => seen.length === 2, 'B');
    await client.devices[1]!.vibrate(1); // the client still works
    expect(seen).toEqual(['A', 'B']);
    // RxJS reports a subscriber's error on a later timer turn.
    for (let i = 0; i < 50 && reported.length < 4; i++) await new Promise((r) => setTimeout(r, 1));
    expect(reported.map((e) => (e as Error).message)).toEqual([
      'bug in the app', // A, replayed at subscription
      'another bug', // devices$ replays the current list
      'another bug', // the new list
      'bug in the app', // B
    ]);
  });

  it('the documented pattern, subscribe(async …) with try/catch, contains a failing command', async () => {
    const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    cleanup.push(() => server.close());
    const client = await connect({ name: 'docs', transports: inProcessTransport(server) });
    const caught: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    // The docs' own pattern (an async subscriber) is what this test is about.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    client.deviceAdded$.subscribe(async (device) => {
      try {
        await device.vibrate(0.5);
        await client.disconnect(); // e.g. the app quits while the toy is still being driven
        await device.stop();
      } catch (err) {
        caught.push((err as { code?: string }).code ?? String(err));
      } finally {
        done();
      }
    });
    await client.startScanning();
    await finished;
    expect(caught).toEqual(['NOT_CONNECTED']);
  });
});
