import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type AnyMessage } from '../../../sdk/index.js';
import { PlugkitServer, inProcessTransport } from '../../../server-embedded/index.js';
import { until } from '../../support/server.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('in-process transport (no socket)', () => {
  it('runs a server and a client in one process: handshake, scan, vibrate, stop', async () => {
    server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    const channel = new MessageChannel(await inProcessTransport(server).connect());
    const events: AnyMessage[] = [];
    channel.event$.subscribe((e) => events.push(e));
    const info = await channel.request({
      type: 'RequestServerInfo',
      ClientName: 'embedded app',
      ProtocolVersionMajor: 4,
      ProtocolVersionMinor: 0,
    });
    expect(info).toMatchObject({ type: 'ServerInfo', ProtocolVersionMajor: 4, ServerName: 'plugkit' });
    await channel.request({ type: 'StartScanning' });
    await until(() => events.some((e) => e.type === 'ScanningFinished'));
    const list = events.find((e) => e.type === 'DeviceList')!;
    expect(Object.values(list['Devices'] as Record<string, { DeviceName: string }>)[0]!.DeviceName).toBe(
      'Aneros Vivi',
    );

    await channel.request({
      type: 'OutputCmd',
      DeviceIndex: 0,
      FeatureIndex: 1,
      Command: { Vibrate: { Value: 127 } },
    });
    const sim = server.simulated.devices[0]!;
    expect(sim.writes.map((w) => w.data)).toEqual([[0xf2, 127]]);
    await channel.request({ type: 'StopCmd' });
    expect(sim.writes.map((w) => w.data).slice(1)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
    await expect(
      channel.request({
        type: 'OutputCmd',
        DeviceIndex: 4,
        FeatureIndex: 0,
        Command: { Vibrate: { Value: 1 } },
      }),
    ).rejects.toMatchObject({
      code: 'ERROR_DEVICE',
    });
    channel.close();
  });

  it('validates in-process frames exactly like socket frames', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const channel = new MessageChannel(await inProcessTransport(server).connect());
    await expect(channel.request({ type: 'Ping' })).rejects.toMatchObject({ code: 'ERROR_INIT' });
    await channel.request({
      type: 'RequestServerInfo',
      ClientName: 'x',
      ProtocolVersionMajor: 4,
      ProtocolVersionMinor: 0,
    });
    await expect(channel.request({ type: 'Ping', Extra: 1 })).rejects.toMatchObject({ code: 'ERROR_MSG' });
    channel.close();
  });

  it('refuses a second in-process client while one is connected', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const first = await inProcessTransport(server).connect();
    await expect(inProcessTransport(server).connect()).rejects.toThrow(/already has a client/);
    await first.close();
  });

  it('times out a request nobody answers, with a TIMEOUT error', async () => {
    server = await PlugkitServer.create({ log: 'off' });
    const conn = await inProcessTransport(server).connect();
    // A channel over a connection whose frames go nowhere: drop the object path and wrap send
    // to drop everything.
    const { messages: _objects, ...text } = conn;
    const silent = { ...text, send: () => {} };
    const channel = new MessageChannel(silent, 50);
    await expect(channel.request({ type: 'Ping' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await conn.close();
  });
});
