/**
 * A client that disconnects and reconnects at once (a game restarting its connector; the official
 * client's disconnect() does not wait for the close) was refused: its new socket was seen before the
 * old one's close. The newcomer now waits (admitWaitMs) for the leaving session to end, and its
 * frames are handled only after the old session's devices were stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { PlugkitServer, type ServerOptions } from '../../../server-embedded/server/server.js';
import type { WebSocketListenOptions } from '../../../server-embedded/transport/websocket-server.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { NO_KEEPALIVE, startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await ts?.stop();
  ts = undefined;
});

const connect = async (url: string) => {
  const c = await rawClient(url);
  clients.push(c);
  return c;
};
// Keepalive out of the way: moving the virtual clock must not drop clients for missing pongs.
const start = async (opts: ServerOptions, listen: WebSocketListenOptions = {}): Promise<TestServer> =>
  (ts = await startTestServer({ simulate: ['Massage Demo'], ...opts }, { ...NO_KEEPALIVE, ...listen }));
const vibrate = (Id: number, Value: number) => [
  { OutputCmd: { Id, DeviceIndex: 0, FeatureIndex: 1, Command: { Vibrate: { Value } } } },
];
/** Lets real socket traffic that is already under way arrive. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('a client reconnecting while its old session ends', () => {
  it('is let in once the old session ends, after the old session stopped the toy', async () => {
    const t = await start({});
    const first = await connect(t.url);
    await first.ask(rsi());
    await first.ask([{ StartScanning: { Id: 2 } }]);
    await until(() => t.server.manager.devices.size === 1);
    const sim = t.server.simulated.devices[0]!;
    expect(await first.reply(vibrate(3, 100), 3)).toEqual({ Ok: { Id: 3 } });
    await until(() => sim.writes.length === 1);

    const second = await connect(t.url);
    second.send([...rsi(), ...vibrate(2, 40)]);
    first.close();
    expect(Object.keys(await second.next())).toEqual(['ServerInfo']);
    expect(await second.next()).toEqual({ Ok: { Id: 2 } });
    await until(() => sim.writes.length === 4);
    // Motor 2 at 100 %, the old session's stop (both motors), then the new client's 40 %.
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf2, 100],
      [0xf1, 0],
      [0xf2, 0],
      [0xf2, 40],
    ]);
  });

  it('is refused after admitWaitMs when the connected client stays', async () => {
    const clock = new VirtualClock();
    const t = await start({ clock }, { admitWaitMs: 500 });
    const first = await connect(t.url);
    await first.ask(rsi());
    const second = await connect(t.url);
    second.send(rsi());
    await settle();
    clock.advance(499);
    await settle();
    expect(t.server.activeSession?.clientName).toBe('test');
    clock.advance(1);
    const refusal = (await second.next())['Error'] as { ErrorCode: number; ErrorMessage: string };
    expect(refusal.ErrorCode).toBe(ErrorCode.Init);
    expect(refusal.ErrorMessage).toMatch(/another client is connected/);
    expect(await second.closed).toBe(1013);
    // The first client never noticed.
    expect(await first.reply([{ Ping: { Id: 5 } }], 5)).toEqual({ Ok: { Id: 5 } });
  });

  it('refuses at once with admitWaitMs 0', async () => {
    const t = await start({}, { admitWaitMs: 0 });
    const first = await connect(t.url);
    await first.ask(rsi());
    const second = await connect(t.url);
    expect(Object.keys(await second.next(500))).toEqual(['Error']);
    expect(await second.closed).toBe(1013);
  });

  it('drops a waiting newcomer that floods frames', async () => {
    const t = await start({}, { admitWaitMs: 60_000, maxPendingFrames: 4 });
    const first = await connect(t.url);
    await first.ask(rsi());
    const second = await connect(t.url);
    for (let i = 1; i <= 6; i++) second.send([{ Ping: { Id: i } }]);
    expect(await second.closed).toBe(1006);
    expect(await first.reply([{ Ping: { Id: 7 } }], 7)).toEqual({ Ok: { Id: 7 } });
  });
});

describe('sessions in one process', () => {
  it("handle a new session's frames only after the previous session stopped every device", async () => {
    const server = await PlugkitServer.create({ log: 'off', simulate: ['Massage Demo'] });
    try {
      const s1 = server.accept({ send: () => {}, close: () => {} })!;
      await s1.receive(JSON.stringify([...rsi(), { StartScanning: { Id: 2 } }]));
      await until(() => server.manager.devices.size === 1);
      const sim = server.simulated.devices[0]!;
      await s1.receive(JSON.stringify(vibrate(3, 100)));
      await until(() => sim.writes.length === 1);
      const ending = s1.closed();
      const out: string[] = [];
      const s2 = server.accept({ send: (f) => out.push(f), close: () => {} });
      expect(s2).toBeDefined();
      await s2!.receive(JSON.stringify([...rsi(), ...vibrate(2, 40)]));
      await ending;
      await until(() => sim.writes.length === 4);
      expect(sim.writes.map((w) => w.data)).toEqual([
        [0xf2, 100],
        [0xf1, 0],
        [0xf2, 0],
        [0xf2, 40],
      ]);
      expect(out.at(-1)).toBe('[{"Ok":{"Id":2}}]');
    } finally {
      await server.close();
    }
  });
});
