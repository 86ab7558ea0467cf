import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { PlugkitServer, type ServerOptions } from '../../../server-embedded/server/server.js';
import type { ServerEvent } from '../../../server-embedded/server/events.js';
import type { SimulatedDeviceSpec } from '../../../server-embedded/hardware/simulated/simulated-device.js';
import { closeServer, pipeClient, rsi, settle, until, vibrate } from '../support.js';

let server: PlugkitServer | undefined;
let clock: VirtualClock | undefined;
afterEach(async () => {
  if (server) await closeServer(server, clock);
  server = undefined;
  clock = undefined;
});

/** A server with two Aneros Vivi ("Massage Demo": two vibrators, bytes [0xf1 + feature, value]). */
async function twoToys(slow: Partial<SimulatedDeviceSpec>, opts: ServerOptions = {}) {
  server = await PlugkitServer.create({
    log: 'off',
    ...opts,
    simulate: [
      { name: 'Massage Demo', address: 'slow', ...slow },
      { name: 'Massage Demo', address: 'fast' },
    ],
  });
  const [slowSim, fastSim] = server.simulated.devices as [
    (typeof server.simulated.devices)[0],
    (typeof server.simulated.devices)[0],
  ];
  const slowDevice = (await server.manager.handleCandidate(slowSim.candidate()))!;
  const fastDevice = (await server.manager.handleCandidate(fastSim.candidate()))!;
  const client = await pipeClient(server);
  client.send(rsi());
  await settle();
  expect(Object.keys(client.received[0]!)).toEqual(['ServerInfo']);
  const bytes = (sim: typeof slowSim) => sim.writes.map((w) => w.data);
  return { slowSim, fastSim, slow: slowDevice.index, fast: fastDevice.index, client, bytes };
}

describe('per-device command queues', () => {
  it('a toy whose writes take 500 ms delays neither its own Ok nor another toy (virtual clock)', async () => {
    clock = new VirtualClock();
    const { slowSim, fastSim, slow, fast, client, bytes } = await twoToys({ writeDelayMs: 500 }, { clock });
    client.send(vibrate(2, slow, 0, 10));
    client.send(vibrate(3, fast, 0, 20));
    await settle();
    // The clock has not moved: both replies and the fast toy's write happened at time 0.
    expect(clock.now()).toBe(0);
    expect(client.reply(2)).toEqual({ Ok: { Id: 2 } });
    expect(client.reply(3)).toEqual({ Ok: { Id: 3 } });
    expect(bytes(fastSim)).toEqual([[0xf1, 20]]);
    expect(bytes(slowSim)).toEqual([]);
    await clock.advanceAsync(499);
    expect(bytes(slowSim)).toEqual([]);
    await clock.advanceAsync(1);
    expect(bytes(slowSim)).toEqual([[0xf1, 10]]);
  });

  it('a slow toy does not delay another toy on the real clock either', async () => {
    const { slowSim, fastSim, slow, fast, client, bytes } = await twoToys({ writeDelayMs: 500 });
    client.send(vibrate(2, slow, 0, 10));
    const sentAt = performance.now();
    client.send(vibrate(3, fast, 0, 20));
    await until(() => client.reply(3) !== undefined, 'the fast toy to be acknowledged');
    const elapsed = performance.now() - sentAt;
    // The fast toy's Ok and bytes came while the slow toy's write was still under way.
    expect(bytes(slowSim)).toEqual([]);
    expect(bytes(fastSim)).toEqual([[0xf1, 20]]);
    expect(client.reply(2)).toEqual({ Ok: { Id: 2 } });
    // Generous for a loaded two-core machine, yet far below the slow toy's 500 ms.
    expect(elapsed).toBeLessThan(250);
    await until(() => bytes(slowSim).length === 1, 'the slow write to land');
    expect(bytes(slowSim)).toEqual([[0xf1, 10]]);
  });

  it('keeps reply order per session across toys and batches', async () => {
    clock = new VirtualClock();
    const { slow, fast, client } = await twoToys({ writeDelayMs: 500 }, { clock });
    client.send(vibrate(2, slow, 0, 1), vibrate(3, fast, 0, 1), vibrate(4, slow, 1, 1));
    client.send({ Ping: { Id: 5 } }, vibrate(6, fast, 1, 1), vibrate(7, 9, 0, 1));
    await settle();
    const ids = client.received.slice(1).map((m) => Object.values(m)[0]!['Id']);
    expect(ids).toEqual([2, 3, 4, 5, 6, 7]);
    expect(Object.keys(client.reply(7)!)).toEqual(['Error']);
  });

  it("an idle toy's OutputCmd is answered before the write, which follows before any timer", async () => {
    clock = new VirtualClock();
    server = await PlugkitServer.create({ log: 'off', clock, simulate: ['Massage Demo'] });
    const sim = server.simulated.devices[0]!;
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    // A socket-like connection: frames in as text, replies out through send().
    const seen: { reply: string; writesThen: number }[] = [];
    const session = server.accept(
      { send: (reply) => seen.push({ reply, writesThen: sim.writes.length }), close: () => {} },
      'ordering',
    )!;
    void session.receive(JSON.stringify([rsi(1)]));
    void session.receive(JSON.stringify([vibrate(2, device.index, 0, 12)]));
    // The Ok left inside receive(), the toy not yet written to …
    expect(seen.at(-1)).toEqual({ reply: '[{"Ok":{"Id":2}}]', writesThen: 0 });
    // … and the write follows from a microtask: no timer, no clock step.
    await Promise.resolve();
    await Promise.resolve();
    expect(sim.writes.map((w) => w.data)).toEqual([[0xf1, 12]]);
    expect(clock.now()).toBe(0);
  });

  it('a busy toy gets the newest value per output once it is free, not a backlog', async () => {
    clock = new VirtualClock();
    const { slowSim, slow, client, bytes } = await twoToys({ writeDelayMs: 500 }, { clock });
    for (let v = 1; v <= 40; v++) client.send(vibrate(100 + v, slow, 0, v));
    client.send(vibrate(200, slow, 1, 7));
    await settle();
    expect(client.received).toHaveLength(1 + 41);
    await clock.advanceAsync(500);
    expect(bytes(slowSim)).toEqual([[0xf1, 1]]);
    await clock.advanceAsync(1000);
    // The values that arrived while the first write was under way collapsed to the last one.
    expect(bytes(slowSim)).toEqual([
      [0xf1, 1],
      [0xf1, 40],
      [0xf2, 7],
    ]);
  });

  it('a write that fails after the Ok is reported on events$ and not de-duplicated away', async () => {
    let failing = true;
    const {
      slowSim: flaky,
      slow,
      client,
      bytes,
    } = await twoToys({
      onWrite: () => {
        if (failing) throw new Error('bus fault');
      },
    });
    const events: ServerEvent[] = [];
    server!.events$.subscribe((e) => events.push(e));
    client.send(vibrate(2, slow, 0, 10));
    await until(() => events.some((e) => e.kind === 'error'), 'an error event');
    expect(client.reply(2)).toEqual({ Ok: { Id: 2 } });
    const error = events.find((e) => e.kind === 'error');
    expect(error).toMatchObject({ scope: 'delivery', deviceIndex: slow });
    expect(error?.kind === 'error' && error.message).toMatch(/did not reach the toy: .*bus fault/);
    // The toy is still there (its link is fine); the same value is sent again, not skipped.
    expect(server!.manager.devices.has(slow)).toBe(true);
    failing = false;
    client.send(vibrate(3, slow, 0, 10));
    await until(() => bytes(flaky).length === 2, 'the retried write');
    expect(bytes(flaky)).toEqual([
      [0xf1, 10],
      [0xf1, 10],
    ]);
  });

  it('a toy that drops out mid-write is removed and the lost write reported', async () => {
    clock = new VirtualClock();
    const { slowSim, slow, client } = await twoToys({ writeDelayMs: 500 }, { clock });
    const events: ServerEvent[] = [];
    server!.events$.subscribe((e) => events.push(e));
    client.send(vibrate(2, slow, 0, 10));
    await settle();
    expect(client.reply(2)).toEqual({ Ok: { Id: 2 } });
    slowSim.drop();
    await clock.advanceAsync(500);
    expect(server!.manager.devices.has(slow)).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['device-removed', 'error']));
    expect(events.find((e) => e.kind === 'device-removed')).toMatchObject({
      deviceIndex: slow,
      reason: 'disconnected',
    });
    expect(slowSim.writes).toEqual([]);
  });

  it('stops on disconnect still reach every toy, the slow one included', async () => {
    clock = new VirtualClock();
    const { slowSim, fastSim, slow, fast, client, bytes } = await twoToys({ writeDelayMs: 500 }, { clock });
    client.send(vibrate(2, slow, 0, 10), vibrate(3, fast, 0, 20));
    await settle();
    client.close();
    await clock.advanceAsync(5000);
    await until(() => server!.activeSession === undefined, 'the session to end');
    expect(bytes(fastSim)).toEqual([
      [0xf1, 20],
      [0xf1, 0],
      [0xf2, 0],
    ]);
    expect(bytes(slowSim)).toEqual([
      [0xf1, 10],
      [0xf1, 0],
      [0xf2, 0],
    ]);
  });
});
