/**
 * Issue 10, item 2: a socket that never sent RequestServerInfo held the only client slot forever
 * (WebSocket pings kept it alive). It is now closed after the handshake timeout (code 4001, with a
 * reason and an Error first), which frees the slot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import type { ServerOptions } from '../../../server-embedded/server/server.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { NO_KEEPALIVE, startTestServer, type TestServer } from '../../support/server.js';

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
const closeReason = (c: RawClient) =>
  new Promise<string>((r) => c.ws.once('close', (_, why) => r(String(why))));
/** A real server on 127.0.0.1 whose WebSocket keepalive is out of the virtual clock's way. */
const start = async (opts: ServerOptions): Promise<TestServer> =>
  (ts = await startTestServer(opts, NO_KEEPALIVE));

describe('client handshake timeout', () => {
  it('closes a silent socket after exactly the timeout (virtual clock) and frees the slot', async () => {
    const clock = new VirtualClock();
    const { url } = await start({ clock, clientHandshakeTimeoutMs: 10_000 });
    const silent = await connect(url);
    const reason = closeReason(silent);
    // The slot is held: a second client waits the admit time (1 s) for it, then is refused.
    const second = await connect(url);
    await clock.advanceAsync(1_000);
    expect(await second.closed).toBe(1013);

    await clock.advanceAsync(8_999);
    expect(silent.ws.readyState).toBe(silent.ws.OPEN);
    await clock.advanceAsync(1);
    const err = (await silent.next())['Error'] as { Id: number; ErrorCode: number; ErrorMessage: string };
    expect(err).toMatchObject({ Id: 0, ErrorCode: ErrorCode.Init });
    expect(err.ErrorMessage).toMatch(/No RequestServerInfo within 10000 ms/);
    expect(await silent.closed).toBe(4001);
    expect(await reason).toMatch(/handshake timeout/);

    const third = await connect(url);
    expect(Object.keys(await third.ask(rsi()))).toEqual(['ServerInfo']);
  });

  it('leaves a client that handshook in time alone', async () => {
    const clock = new VirtualClock();
    const { url } = await start({ clock, clientHandshakeTimeoutMs: 10_000 });
    const c = await connect(url);
    await clock.advanceAsync(5_000);
    expect(Object.keys(await c.ask(rsi()))).toEqual(['ServerInfo']);
    await clock.advanceAsync(60_000);
    expect(await c.reply([{ Ping: { Id: 2 } }], 2)).toEqual({ Ok: { Id: 2 } });
  });

  it('a refused handshake (unknown version) does not stop the timer', async () => {
    const clock = new VirtualClock();
    const { url } = await start({ clock, clientHandshakeTimeoutMs: 1_000 });
    const c = await connect(url);
    const bad = [{ RequestServerInfo: { Id: 1, ClientName: 'x', ProtocolVersionMajor: 99 } }];
    expect(Object.keys(await c.ask(bad))).toEqual(['Error']);
    await clock.advanceAsync(1_000);
    expect(await c.closed).toBe(4001);
  });

  it('0 waits forever', async () => {
    const clock = new VirtualClock();
    const { url } = await start({ clock, clientHandshakeTimeoutMs: 0 });
    const c = await connect(url);
    await clock.advanceAsync(3_600_000);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    expect(Object.keys(await c.ask(rsi()))).toEqual(['ServerInfo']);
  });

  it('defaults to 10 s', async () => {
    const clock = new VirtualClock();
    const { url } = await start({ clock });
    const c = await connect(url);
    await clock.advanceAsync(9_999);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    await clock.advanceAsync(1);
    expect(await c.closed).toBe(4001);
  });

  it('runs on the real clock too', async () => {
    const { url } = await start({ clientHandshakeTimeoutMs: 150 });
    const c = await connect(url);
    const t0 = Date.now();
    expect(await c.closed).toBe(4001);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });
});
