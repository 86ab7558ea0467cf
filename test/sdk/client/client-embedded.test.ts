import { afterEach, describe, expect, it } from 'vitest';
import { connect, PlugkitError, type PlugkitClient } from '../../../sdk/index.js';
import { embedded } from '../../../server-embedded/index.js';
import { rejection, waitForDevices } from '../../support/observables.js';

let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

describe('client over the embedded transport', () => {
  it('connects at spec v4, scans, and vibrates a simulated Aneros Vivi with the reference step math', async () => {
    const transport = embedded({ simulate: ['Massage Demo'], log: 'off', name: 'test server' });
    client = await connect({ name: 'embedded test', transports: [transport] });
    expect(client.specVersion).toBe(4);
    expect(client.serverName).toBe('test server');
    expect(client.state).toBe('connected');
    expect(client.devices).toEqual([]);

    const added: string[] = [];
    client.deviceAdded$.subscribe((d) => added.push(d.name));
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    expect(added).toEqual(['Aneros Vivi']);
    expect(device!.name).toBe('Aneros Vivi');
    expect(device!.displayName).toBe('Aneros Vivi');
    expect(device!.features.map((f) => f.index)).toEqual([0, 1]);
    expect(device!.outputs('Vibrate').map((o) => o.steps)).toEqual([127, 127]);
    expect(device!.inputs()).toEqual([]);

    const sim = transport.server!.simulated.devices[0]!;
    await device!.vibrate(0.5);
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 0x40],
      [0xf2, 0x40],
    ]);
    await device!.vibrate([1, 0.25]);
    expect(sim.writes.slice(2).map((w) => w.data)).toEqual([
      [0xf1, 127],
      [0xf2, 32],
    ]);
    await device!.outputs('Vibrate')[1]!.setSteps(5);
    expect(sim.writes.at(-1)!.data).toEqual([0xf2, 5]);
    await device!.stop();
    expect(sim.writes.slice(-2).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    await device!.outputs('Vibrate')[0]!.set(0.07); // ceil(127 × 0.07) = 9
    expect(sim.writes.at(-1)!.data).toEqual([0xf1, 9]);
    await client.stopAll();
    expect(sim.writes.at(-1)!.data).toEqual([0xf1, 0]);
  });

  it('refuses bad values before they leave, with INVALID_ARGUMENT', async () => {
    const transport = embedded({ simulate: ['Massage Demo'], log: 'off' });
    client = await connect({ name: 'invalid values', transports: transport });
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    const sim = transport.server!.simulated.devices[0]!;
    const out = device!.outputs('Vibrate')[0]!;
    const cases: [string, Promise<unknown>][] = [
      ['NaN', device!.vibrate(Number.NaN)],
      ['negative', device!.vibrate(-0.1)],
      ['above 1', device!.vibrate(1.01)],
      ['one bad level of two', device!.vibrate([0.5, 2])],
      ['wrong count', device!.vibrate([0.5])],
      ['string', device!.vibrate('0.5' as unknown as number)],
      ['rotate on a vibrator', device!.rotate(0.5)],
      ['linear on a vibrator', device!.linear(0.5, 100)],
      ['moveTo on a vibrator', out.moveTo(0.5, 100)],
      ['steps above range', out.setSteps(128)],
      ['fractional steps', out.setSteps(1.5)],
      ['negative steps', out.setSteps(-1)],
      ['set Infinity', out.set(Number.POSITIVE_INFINITY)],
      ['battery without one', device!.battery()],
    ];
    for (const [what, p] of cases) {
      const err = await rejection(p);
      expect(err, what).toBeInstanceOf(PlugkitError);
      expect(err.code, what).toBe('INVALID_ARGUMENT');
      expect(err.message.length, what).toBeGreaterThan(10);
    }
    expect(sim.writes).toEqual([]); // nothing reached the toy
  });

  it('closes the embedded server on disconnect (toy stopped and released), then fails fast', async () => {
    const transport = embedded({ simulate: ['Massage Demo'], log: 'off' });
    client = await connect({ name: 'disconnect', transports: [transport] });
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    const server = transport.server!;
    const sim = server.simulated.devices[0]!;
    await device!.vibrate(0.5);
    const states: string[] = [];
    client.state$.subscribe((s) => states.push(s));
    const removed: string[] = [];
    client.deviceRemoved$.subscribe((d) => removed.push(d.name));
    await client.disconnect();
    expect(states).toEqual(['connected', 'disconnected']);
    expect(removed).toEqual(['Aneros Vivi']);
    expect(client.devices).toEqual([]);
    expect(sim.connected).toBe(false);
    expect(sim.writes.slice(-2).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    expect(transport.server).toBeUndefined();
    const err = await rejection(device!.vibrate(0.5));
    expect(err.code).toBe('NOT_CONNECTED');
    expect((await rejection(client.startScanning())).code).toBe('NOT_CONNECTED');
  });

  it('validates connect options', async () => {
    expect((await rejection(connect({ name: '', transports: [embedded()] }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(connect({ name: 'x', transports: [] }))).code).toBe('INVALID_ARGUMENT');
    expect(
      (await rejection(connect({ name: 'x', transports: [embedded()], requestTimeoutMs: -1 }))).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (await rejection(connect({ name: 'x', transports: [embedded()], reconnect: { attempts: 0 } }))).code,
    ).toBe('INVALID_ARGUMENT');
  });

  it('reports a transport that cannot start (bad device config file) as TRANSPORT and tries the next', async () => {
    const broken = embedded({ deviceConfigFile: '/nonexistent/plugkit-config.json', log: 'off' });
    const err = await rejection(connect({ name: 'broken', transports: [broken] }));
    expect(err).toBeInstanceOf(PlugkitError);
    expect(err.code).toBe('TRANSPORT');
    expect(err.message).toContain('/nonexistent/plugkit-config.json');
    client = await connect({ name: 'fallback', transports: [broken, embedded({ log: 'off' })] });
    expect(client.state).toBe('connected');
  });
});
