import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type PlugkitClient } from '../../../sdk/index.js';
import {
  PlugkitServer,
  inProcessTransport,
  protocols,
  type Protocol,
} from '../../../server-embedded/index.js';
import { pressureProtocol } from '../../support/pressure-protocol.js';
import { rejection, waitFor, waitForDevices } from '../../support/observables.js';

let client: PlugkitClient | undefined;
let server: PlugkitServer | undefined;
afterEach(async () => {
  await client?.disconnect();
  await server?.close();
  client = server = undefined;
});

async function boost() {
  server = await PlugkitServer.create({
    log: 'off',
    protocols: new Map([...protocols, ['kgoal-boost', pressureProtocol]]),
    simulate: [{ name: 'Boost', onRead: (endpoint) => Uint8Array.of(endpoint === 'rxblebattery' ? 87 : 0) }],
  });
  client = await connect({ name: 'inputs', transports: inProcessTransport(server) });
  await client.startScanning();
  const [device] = await waitForDevices(client, 1);
  return { device: device!, sim: server.simulated.devices[0]! };
}

describe('inputs', () => {
  it('reads the battery through the generic rxblebattery endpoint, as 0..1 and via battery$', async () => {
    const { device, sim } = await boost();
    expect(device.name).toBe('KGoal Boost');
    expect(device.inputs().map((i) => [i.featureIndex, i.type, i.canSubscribe])).toEqual([
      [0, 'Pressure', true],
      [1, 'Pressure', true],
      [2, 'Battery', false],
    ]);
    expect(await device.battery()).toBe(0.87);
    expect(await device.inputs('Battery')[0]!.read()).toBe(87);
    expect(await firstValueFrom(device.battery$)).toBe(0.87);
    expect(sim.commands.filter((c) => c.kind === 'read').map((c) => c.endpoint)).toEqual([
      'rxblebattery',
      'rxblebattery',
      'rxblebattery',
    ]);
    // Pressure is subscribe-only: read() is refused before anything is sent.
    expect((await rejection(device.inputs('Pressure')[0]!.read())).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(device.vibrate(0.5))).code).toBe('INVALID_ARGUMENT');
  });

  it('values$ subscribes on the device for the first observer and unsubscribes after the last', async () => {
    const { device, sim } = await boost();
    const pressure = device.inputs('Pressure')[0]!;
    const kinds = () =>
      sim.commands.map((c) => c.kind).filter((k) => k === 'subscribe' || k === 'unsubscribe');

    const a: number[] = [];
    const b: number[] = [];
    const subscribed = waitFor(sim.command$, (c) => c.kind === 'subscribe');
    const s1 = pressure.values$.subscribe((v) => a.push(v));
    await subscribed;
    const s2 = pressure.values$.subscribe((v) => b.push(v));
    await device.battery(); // the server handles messages in order: Subscribe is done once this returns
    expect(kinds()).toEqual(['subscribe']);

    const arrived = waitFor(pressure.values$, (v) => v === 528);
    expect(sim.notify('rxpressure', [0x10, 0x02])).toBe(true);
    await arrived;
    expect(a).toEqual([528]);
    expect(b).toEqual([528]);

    s1.unsubscribe();
    await device.battery();
    expect(kinds()).toEqual(['subscribe']); // one observer is still listening

    const unsubscribed = waitFor(sim.command$, (c) => c.kind === 'unsubscribe');
    s2.unsubscribe();
    await unsubscribed;
    expect(kinds()).toEqual(['subscribe', 'unsubscribe']);
    expect(sim.notify('rxpressure', [1, 0])).toBe(false); // nobody subscribed on the toy any more
    expect(b).toEqual([528]);
  });

  it('values$ reports a server refusal to the observer as a PlugkitError', async () => {
    // A protocol that cannot stream: the server answers Subscribe with an error.
    const silent: Protocol = { name: 'kgoal-boost', create: () => ({}) };
    server = await PlugkitServer.create({
      log: 'off',
      protocols: new Map([...protocols, ['kgoal-boost', silent]]),
      simulate: ['Boost'],
    });
    client = await connect({ name: 'refused', transports: inProcessTransport(server) });
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    const err = await rejection(firstValueFrom(device!.inputs('Pressure')[0]!.values$));
    expect(err.code).toBe('ERROR_DEVICE');
    expect(err.message).toMatch(/cannot stream Pressure/);
  });
});
