import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import type { ServerEvent } from '../../../server-embedded/server/events.js';
import { startServer } from '../../../server-embedded/start.js';
import { embedded } from '../../../server-embedded/transport/embedded.js';
import { closeServer, pipeClient, rsi, settle, vibrate } from '../support.js';

let server: PlugkitServer | undefined;
let clock: VirtualClock | undefined;
afterEach(async () => {
  if (server) await closeServer(server, clock);
  server = undefined;
  clock = undefined;
});

/** KGoal Boost pressure notification: normalised value in bytes 3–4. */
const pressure = (normalized: number) => [0, 0, 0, normalized >> 8, normalized & 0xff, 0, 0];

describe('PlugkitServer.events$', () => {
  it('tells the whole story of a session, stamped with the server clock', async () => {
    clock = new VirtualClock(1000);
    server = await PlugkitServer.create({ log: 'off', clock, simulate: ['Massage Demo', 'Boost'] });
    const events: ServerEvent[] = [];
    server.events$.subscribe((e) => events.push(e));
    const c = await pipeClient(server);
    c.send(rsi());
    await settle();
    c.send({ StartScanning: { Id: 2 } });
    await settle();
    await clock.advanceAsync(20);
    const added = events.filter((e) => e.kind === 'device-added');
    expect(added.map((e) => e.kind === 'device-added' && [e.name, e.protocol, e.at]).sort()).toEqual([
      ['Aneros Vivi', 'aneros', 1000],
      ['KGoal Boost', 'kgoal-boost', 1000],
    ]);
    const index = (name: string) =>
      added.find((e) => e.kind === 'device-added' && e.name === name)!.deviceIndex;
    const vivi = index('Aneros Vivi');
    const boost = index('KGoal Boost');

    await clock.advanceAsync(500);
    c.send(vibrate(3, vivi, 1, 127));
    c.send({
      InputCmd: { Id: 4, DeviceIndex: boost, FeatureIndex: 0, Type: 'Pressure', Command: 'Subscribe' },
    });
    await settle();
    expect(c.reply(4)).toEqual({ Ok: { Id: 4 } });
    server.simulated.devices[1]!.notify('rxpressure', pressure(0x0102));
    await settle();
    c.close();
    await settle();

    const of = <K extends ServerEvent['kind']>(kind: K) =>
      events.filter((e): e is Extract<ServerEvent, { kind: K }> => e.kind === kind);
    expect(of('client-connected')).toEqual([
      { kind: 'client-connected', at: 1000, clientName: 'test', specVersion: 4, label: 'in-process' },
    ]);
    expect(of('message-in')[0]).toEqual({ kind: 'message-in', at: 1000, json: JSON.stringify([rsi()]) });
    expect(JSON.parse(of('message-out')[0]!.json)).toEqual([
      expect.objectContaining({ ServerInfo: expect.objectContaining({ Id: 1 }) }),
    ]);
    // Every reply the client got was reported, as sent.
    expect(of('message-out').flatMap((e) => JSON.parse(e.json))).toEqual(c.received);
    expect(of('output')).toContainEqual({
      kind: 'output',
      at: 1520,
      deviceIndex: vivi,
      featureIndex: 1,
      outputType: 'Vibrate',
      level: 1,
      steps: 127,
    });
    expect(of('write')).toContainEqual({
      kind: 'write',
      at: 1520,
      deviceIndex: vivi,
      endpoint: 'tx',
      data: Uint8Array.from([0xf2, 127]),
      withResponse: false,
    });
    expect(of('reading')).toEqual([
      {
        kind: 'reading',
        at: 1520,
        deviceIndex: boost,
        featureIndex: 0,
        inputType: 'Pressure',
        value: 0x0102,
      },
    ]);
    // The disconnect stopped the Vivi: level 0 outputs, then the client is reported gone.
    const stops = of('output').filter((e) => e.deviceIndex === vivi && e.level === 0);
    expect(stops.map((e) => e.featureIndex).sort()).toEqual([0, 1]);
    expect(events.at(-1)).toEqual({
      kind: 'client-disconnected',
      at: 1520,
      clientName: 'test',
      reason: 'client disconnected',
    });
    expect(of('error')).toEqual([]);
  });

  it('reports signed levels for rotation', async () => {
    server = await PlugkitServer.create({ log: 'off', simulate: ['CycSA'] });
    const sim = server.simulated.devices[0]!;
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    const feature = device.features.find((f) => f.outputs.some((o) => o.type === 'Rotate'))!;
    const max = (
      device.info().DeviceFeatures[String(feature.index)]!.Output!.Rotate!.Value as [number, number]
    )[1];
    const events: ServerEvent[] = [];
    server.events$.subscribe((e) => events.push(e));
    await device.output(feature.index, { Rotate: { Value: -max } });
    expect(events.find((e) => e.kind === 'output')).toMatchObject({
      outputType: 'Rotate',
      level: -1,
      steps: -max,
    });
  });

  it('removes a device with its reason and reports the server shutting down', async () => {
    server = await PlugkitServer.create({ log: 'off', simulate: ['Massage Demo'] });
    const sim = server.simulated.devices[0]!;
    const events: ServerEvent[] = [];
    server.events$.subscribe((e) => events.push(e));
    await server.manager.handleCandidate(sim.candidate());
    sim.drop();
    expect(events.at(-1)).toMatchObject({ kind: 'device-removed', deviceIndex: 0, reason: 'disconnected' });
    let completed = false;
    server.events$.subscribe({ complete: () => (completed = true) });
    await server.close();
    expect(completed).toBe(true);
  });

  it('is reachable from startServer() and embedded()', async () => {
    const running = await startServer({ log: 'off', simulate: ['Massage Demo'] });
    try {
      const kinds: string[] = [];
      running.server.events$.subscribe((e) => kinds.push(e.kind));
      const c = await pipeClient(running.server);
      c.send(rsi());
      await settle();
      expect(kinds).toEqual(['message-in', 'message-out', 'client-connected']);
      c.close();
    } finally {
      await running.close();
    }

    const transport = embedded({ log: 'off' });
    const kinds: string[] = [];
    // Subscribed before connect: sees the client of the server the transport starts.
    transport.events$.subscribe((e) => kinds.push(e.kind));
    const conn = await transport.connect();
    expect(transport.server?.events$).toBeDefined();
    conn.send(JSON.stringify([rsi()]));
    await settle();
    expect(kinds).toEqual(['message-in', 'message-out', 'client-connected']);
    await conn.close();
  });
});
