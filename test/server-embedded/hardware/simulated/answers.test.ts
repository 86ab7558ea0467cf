/** Simulated toys answer their protocol's handshake and queries; names are checked by the server. */
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, PlugkitError, type PlugkitClient } from '../../../../sdk/index.js';
import { embedded, PlugkitServer, startServer } from '../../../../server-embedded/index.js';
import { parseSimulateEntry } from '../../../../server-embedded/devices/simulated-toys.js';
import { waitFor, waitForDevices } from '../../../support/observables.js';

let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

/** Connects to an embedded server with these toys and waits for all of them. */
async function toys(simulate: string[], logs: string[] = []) {
  const transport = embedded({ simulate, log: (level, m) => logs.push(`${level}: ${m}`) });
  client = await connect({ name: 'answers', transports: [transport] });
  await client.startScanning();
  const devices = await waitForDevices(client, simulate.length);
  return { devices, sims: transport.server!.simulated.devices };
}

describe('simulated toys answer their protocol', () => {
  it('a Lovense answers DeviceType at once (model from its name) and Battery with the set level', async () => {
    const logs: string[] = [];
    const started = Date.now();
    const { devices, sims } = await toys(['LVS-Z36@battery=40'], logs);
    const [hush] = devices;
    expect(hush!.name).toBe('Lovense Hush');
    // Answered on the first DeviceType: no 3 s of retries, no "no answer" warning.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs.filter((l) => l.startsWith('warn'))).toEqual([]);
    expect(await hush!.battery()).toBe(0.4);
    sims[0]!.setInputs({ battery: 73 });
    expect(await hush!.battery()).toBe(0.73);
    expect(sims[0]!.writes.map((w) => String.fromCharCode(...w.data))).toEqual([
      'DeviceType;',
      'Battery;',
      'Battery;',
    ]);
  });

  it('a Lovense with a model setting reports that model; the default battery is 85 %', async () => {
    const { devices } = await toys(['LVS-Z36@model=S']);
    expect(devices[0]!.name).toBe('Lovense Lush');
    expect(await devices[0]!.battery()).toBe(0.85);
  });

  it('model reads: Satisfyer (4-byte number), Hismith (2 bytes), Vibratissimo and MonsterPub (text)', async () => {
    const { devices } = await toys([
      'SF Curvy@model=10024',
      'HISMITH@model=1004',
      'Vibratissimo@battery=12',
      'MonsterPub',
    ]);
    expect(devices.map((d) => d.name).sort()).toEqual([
      'Hismith Mini Sex Machine', // a non-legacy id moves the toy to the hismith-mini protocol
      'Satisfyer Love Triangle',
      'Sistalk MonsterPub 2 Doctor Whale', // the protocol's first model when none is named
      'Vibratissimo Licker',
    ]);
    // The generic BLE battery service answers with the set level.
    expect(await devices.find((d) => d.name === 'Vibratissimo Licker')!.battery()).toBe(0.12);
  });

  it('Kiiroo v2.1 reports its battery in the status block; an Ankni sends a long id (no handshake)', async () => {
    const { devices, sims } = await toys(['Pearl2.1@battery=33', 'DSJM']);
    const pearl = devices.find((d) => d.name === 'Kiiroo Pearl 2.1')!;
    expect(await pearl.battery()).toBe(0.33);
    const ankni = sims.find((s) => s.name === 'DSJM')!;
    expect(ankni.commands.map((c) => c.kind)).toEqual(['read']); // the id read, and no handshake frames
  });

  it('a KGoal Boost streams the pressure set on it, live', async () => {
    const { devices, sims } = await toys(['Boost@pressure=300']);
    const pressure = devices[0]!.inputs('Pressure')[0]!;
    const first = firstValueFrom(pressure.values$);
    expect(await first).toBe(300);
    const next = waitFor(pressure.values$, (v) => v === 1200);
    sims[0]!.setInputs({ pressure: 1200 });
    await next;
    expect(() => sims[0]!.setInputs({ battery: 101 })).toThrow(/battery must be a percentage 0..100/);
  });
});

describe('simulate names are checked by the server, as by the CLI', () => {
  const rejected = async (p: Promise<unknown>): Promise<PlugkitError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlugkitError);
    return err as PlugkitError;
  };

  it('PlugkitServer.create, startServer and embedded reject a misspelt name naming the nearest', async () => {
    const message =
      /no toy in the device database advertises the name "Massage Demoo"; nearest: "Massage Demo"/;
    expect(
      (await rejected(PlugkitServer.create({ simulate: ['Massage Demoo'], log: 'off' }))).message,
    ).toMatch(message);
    expect((await rejected(startServer({ simulate: ['Massage Demoo'], log: 'off' }))).message).toMatch(
      message,
    );
    const err = await rejected(
      connect({ name: 'typo', transports: [embedded({ simulate: ['Massage Demoo'], log: 'off' })] }),
    );
    expect(err.message).toMatch(/Massage Demoo/);
  });

  it('takes the database spelling and keeps spec objects as given', async () => {
    const server = await PlugkitServer.create({
      simulate: ['massage demo', { name: 'My Own Toy', address: 'own' }],
      log: 'off',
    });
    try {
      expect(server.simulated.devices.map((d) => [d.name, d.spec.protocol])).toEqual([
        ['Massage Demo', 'aneros'],
        ['My Own Toy', undefined],
      ]);
    } finally {
      await server.close();
    }
  });

  it("checks names added later through the server's simulated backend", async () => {
    const server = await PlugkitServer.create({ log: 'off' });
    try {
      expect(server.simulated.add('lvs-Z36@battery=20').spec).toMatchObject({
        name: 'LVS-Z36',
        protocol: 'lovense',
        identifier: 'Z',
        battery: 20,
      });
      expect(() => server.simulated.add('Massage Demoo')).toThrow(/nearest: "Massage Demo"/);
    } finally {
      await server.close();
    }
  });

  it('parses NAME@settings and names a bad one', () => {
    expect(parseSimulateEntry('LVS-Z36@battery=40,model=Z')).toEqual({
      name: 'LVS-Z36',
      battery: 40,
      identifier: 'Z',
    });
    expect(() => parseSimulateEntry('LVS-Z36@batery=40')).toThrow(/unknown setting "batery"/);
    expect(() => parseSimulateEntry('LVS-Z36@battery=140')).toThrow(/battery must be a number 0..100/);
    expect(() => parseSimulateEntry('LVS-Z36@battery')).toThrow(/battery needs a value/);
  });
});
