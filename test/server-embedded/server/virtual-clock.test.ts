/**
 * Time-dependent server behaviour on a VirtualClock: the ping watchdog, handshake timeouts, write
 * pacing, keepalives and the simulated scan window. (Their real-clock twins live in
 * test/server-embedded/server/session.test.ts, test/server-embedded/devices/manager.test.ts and test/server-embedded/protocols/leten-keepalive.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import type { ServerEvent } from '../../../server-embedded/server/events.js';
import { write, type Protocol } from '../../../server-embedded/protocols/types.js';
import { closeServer, pipeClient, rsi, settle, vibrate } from '../support.js';
import { GAP_DEMO_CONFIG } from '../../support/gap-toy.js';

let server: PlugkitServer | undefined;
let clock: VirtualClock;
afterEach(async () => {
  if (server) await closeServer(server, clock);
  server = undefined;
});

/** The Aneros encoding ("Massage Demo" is an Aneros Vivi): [0xf1 + feature, value]. */
const aneros = (extra: Partial<Protocol> & { keepaliveMs?: number } = {}): Protocol => ({
  name: 'aneros',
  create: () => ({
    output: (c) => [write('tx', [0xf1 + c.featureIndex, c.value])],
    ...(extra.keepaliveMs ? { keepalive: { intervalMs: extra.keepaliveMs } } : {}),
  }),
  ...(extra.identify ? { identify: extra.identify } : {}),
});

describe('server on a virtual clock', () => {
  it('ping watchdog: a Ping resets it; a miss stops every device, sends E2 and closes', async () => {
    clock = new VirtualClock();
    server = await PlugkitServer.create({ log: 'off', clock, maxPingTime: 1000, simulate: ['Massage Demo'] });
    const sim = server.simulated.devices[0]!;
    await server.manager.handleCandidate(sim.candidate());
    const c = await pipeClient(server);
    c.send(rsi());
    await settle();
    c.send(vibrate(2, 0, 0, 50));
    await clock.advanceAsync(999);
    expect(c.closed).toBe(false);
    c.send({ Ping: { Id: 3 } });
    await settle();
    expect(c.reply(3)).toEqual({ Ok: { Id: 3 } });
    await clock.advanceAsync(999); // 1998: the watchdog re-armed at 999 runs until 1999
    expect(c.closed).toBe(false);
    await clock.advanceAsync(1);
    await settle();
    expect(c.closed).toBe(true);
    expect(c.received.at(-1)!['Error']).toMatchObject({ Id: 0, ErrorCode: ErrorCode.Ping });
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 50],
      [0xf1, 0],
      [0xf2, 0],
    ]);
  });

  it('handshake timeout: a toy that never answers is given up after exactly handshakeTimeoutMs', async () => {
    clock = new VirtualClock();
    const logs: string[] = [];
    server = await PlugkitServer.create({
      log: (level, m) => logs.push(`${level} ${m}`),
      clock,
      protocols: new Map([['aneros', aneros({ identify: () => new Promise(() => {}) })]]),
      handshakeTimeoutMs: 10_000,
    });
    const events: ServerEvent[] = [];
    server.events$.subscribe((e) => events.push(e));
    const sim = server.simulated.add('Massage Demo');
    let settled = false;
    const result = server.manager.handleCandidate(sim.candidate()).finally(() => (settled = true));
    await clock.advanceAsync(9_999);
    expect(settled).toBe(false);
    await clock.advanceAsync(1);
    expect(await result).toBeUndefined();
    expect(logs.join('\n')).toMatch(/not added: handshake did not finish within 10000 ms/);
    expect(events).toEqual([expect.objectContaining({ kind: 'error', scope: 'connect', at: 10_000 })]);
    expect(sim.connected).toBe(false);
  });

  it('pacing: one batch per message gap, the newest value per output', async () => {
    clock = new VirtualClock();
    server = await PlugkitServer.create({ log: 'off', clock, userDeviceConfigTexts: [GAP_DEMO_CONFIG] });
    const sim = server.simulated.add('Gap Demo');
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    for (const v of [10, 20, 30, 40]) await device.output(0, { Vibrate: { Value: v } });
    await device.output(1, { Vibrate: { Value: 5 } });
    await clock.advanceAsync(59);
    expect(sim.writes).toEqual([]);
    await clock.advanceAsync(1);
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 40],
      [0xf2, 5],
    ]);
    await device.output(0, { Vibrate: { Value: 41 } });
    await clock.advanceAsync(59);
    expect(sim.writes).toHaveLength(2);
    await clock.advanceAsync(1);
    expect(sim.writes.at(-1)!.data).toEqual([0xf1, 41]);
  });

  it('keepalive: repeats the last packet once the device has been idle for an interval', async () => {
    clock = new VirtualClock();
    server = await PlugkitServer.create({
      log: 'off',
      clock,
      protocols: new Map([['aneros', aneros({ keepaliveMs: 1000 })]]),
    });
    const sim = server.simulated.add('Massage Demo');
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    const sent = () => sim.writes.map((w) => w.data);
    // A keepalive that repeats the last packet needs a first one: the device is stopped at once.
    expect(sent()).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    await clock.advanceAsync(1000);
    expect(sent().slice(2)).toEqual([[0xf2, 0]]);
    await clock.advanceAsync(500);
    await device.output(0, { Vibrate: { Value: 30 } });
    await clock.advanceAsync(500); // 2000: only 500 ms idle, no keepalive
    expect(sent().slice(2)).toEqual([
      [0xf2, 0],
      [0xf1, 30],
    ]);
    await clock.advanceAsync(1000); // 3000
    expect(sent().slice(2)).toEqual([
      [0xf2, 0],
      [0xf1, 30],
      [0xf1, 30],
    ]);
  });

  it('a simulated scan finishes after its 20 ms window', async () => {
    clock = new VirtualClock();
    server = await PlugkitServer.create({ log: 'off', clock, simulate: ['Massage Demo'] });
    const c = await pipeClient(server);
    c.send(rsi());
    await settle();
    c.send({ StartScanning: { Id: 2 } });
    await settle();
    const kinds = () => c.received.map((m) => Object.keys(m)[0]);
    expect(kinds()).toEqual(['ServerInfo', 'Ok', 'DeviceList']);
    await clock.advanceAsync(19);
    expect(kinds()).not.toContain('ScanningFinished');
    await clock.advanceAsync(1);
    expect(kinds().at(-1)).toBe('ScanningFinished');
  });
});
