import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { rawClient, rsi } from '../../support/raw-client.js';
import { startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.stop();
  ts = undefined;
});

const vibrating = async (t: TestServer) => {
  const c = await rawClient(t.url);
  await c.ask(rsi());
  await c.ask([{ StartScanning: { Id: 2 } }]);
  await until(() => t.server.manager.devices.size === 1);
  const sim = t.server.simulated.devices[0]!;
  c.send([{ OutputCmd: { Id: 3, DeviceIndex: 0, FeatureIndex: 1, Command: { Vibrate: { Value: 100 } } } }]);
  await until(() => sim.writes.length === 1);
  return { c, sim };
};

describe('server session', () => {
  it('takes one client at a time: a second is refused, the first carries on', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'] });
    const { c: first } = await vibrating(ts);
    const second = await rawClient(ts.url);
    const refusal = (await second.next())['Error'] as { Id: number; ErrorCode: number; ErrorMessage: string };
    expect(refusal).toMatchObject({ Id: 0, ErrorCode: ErrorCode.Init });
    expect(refusal.ErrorMessage).toMatch(/one client at a time and another client is connected/);
    // The refused party may be any local process or web page: it learns nothing of the client.
    expect(refusal.ErrorMessage).not.toContain('test');
    expect(await second.closed).toBe(1013);
    expect(await first.reply([{ Ping: { Id: 9 } }], 9)).toEqual({ Ok: { Id: 9 } });
    first.close();
  });

  it('stops every device when the client disconnects, and accepts the next client', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'] });
    const { c, sim } = await vibrating(ts);
    c.close();
    await until(() => sim.writes.length >= 3);
    expect(sim.writes.slice(1).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    await until(() => ts!.server.activeSession === undefined);
    const next = await rawClient(ts.url);
    expect(Object.keys(await next.ask(rsi()))).toEqual(['ServerInfo']);
    // The device outlives the session: the new client sees it in the list.
    const list = (await next.ask([{ RequestDeviceList: { Id: 2 } }]))['DeviceList'] as {
      Devices: Record<string, unknown>;
    };
    expect(Object.keys(list.Devices)).toEqual(['0']);
    next.close();
  });

  it('on ping timeout stops every device, sends E2 and drops the client', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'], maxPingTime: 150 });
    const { c, sim } = await vibrating(ts);
    const messages: Record<string, unknown>[] = [];
    for (;;) {
      const m = await c.next(3000);
      messages.push(m);
      if ('Error' in m) break;
    }
    expect(messages.at(-1)!['Error']).toMatchObject({ Id: 0, ErrorCode: ErrorCode.Ping });
    expect(await c.closed).toBe(4000);
    expect(sim.writes.at(-2)!.data).toEqual([0xf1, 0]);
    expect(sim.writes.at(-1)!.data).toEqual([0xf2, 0]);
  });

  it('keeps a pinging client alive past MaxPingTime', async () => {
    ts = await startTestServer({ maxPingTime: 200 });
    const c = await rawClient(ts.url);
    const info = (await c.ask(rsi()))['ServerInfo'] as { MaxPingTime: number };
    expect(info.MaxPingTime).toBe(200);
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 80));
      expect(await c.ask([{ Ping: { Id: 10 + i } }])).toEqual({ Ok: { Id: 10 + i } });
    }
    c.close();
  });

  it('answers Ping with Ok when the watchdog is off', async () => {
    ts = await startTestServer();
    const c = await rawClient(ts.url);
    await c.ask(rsi());
    expect(await c.ask([{ Ping: { Id: 2 } }])).toEqual({ Ok: { Id: 2 } });
    c.close();
  });

  it('stops every device on server close (what SIGINT/SIGTERM run)', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'] });
    const { sim } = await vibrating(ts);
    await ts.stop();
    expect(sim.writes.slice(-2).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    ts = undefined;
  });

  it('emits ScanningFinished once the scan ends on its own', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'] });
    const c = await rawClient(ts.url);
    await c.ask(rsi());
    expect(await c.ask([{ StartScanning: { Id: 2 } }])).toEqual({ Ok: { Id: 2 } });
    const seen = [Object.keys(await c.next())[0], Object.keys(await c.next())[0]];
    expect(seen.sort()).toEqual(['DeviceList', 'ScanningFinished']);
    expect(await c.ask([{ StopScanning: { Id: 3 } }])).toEqual({ Ok: { Id: 3 } });
    c.close();
  });
});
