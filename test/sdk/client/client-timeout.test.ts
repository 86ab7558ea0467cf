import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, websocketTransport } from '../../../sdk/index.js';
import { rejection, waitForDevices } from '../../support/observables.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';

const servers: RawServer[] = [];
const disconnects: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disconnects.splice(0)) await d();
  for (const s of servers.splice(0)) await s.close();
});

const vivi = {
  DeviceIndex: 0,
  DeviceName: 'Aneros Vivi',
  DeviceMessageTimingGap: 0,
  DeviceFeatures: {
    '0': { FeatureIndex: 0, FeatureDescription: '', Output: { Vibrate: { Value: [0, 127] } } },
  },
};

describe('request timeouts', () => {
  it('a server that never answers the handshake fails connect with TIMEOUT after offering v4, then v3', async () => {
    const server = await startRawServer(() => {});
    servers.push(server);
    const err = await rejection(
      connect({
        name: 'silent',
        transports: websocketTransport(server.url, { WebSocket }),
        requestTimeoutMs: 150,
      }),
    );
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/RequestServerInfo got no reply within 150 ms/);
    expect(
      server.received.map((m) => [m.conn, m['ProtocolVersionMajor'] ?? null, m['MessageVersion'] ?? null]),
    ).toEqual([
      [0, 4, null],
      [1, null, 3],
    ]);
  });

  it('a command the server never answers rejects with TIMEOUT; the connection stays usable', async () => {
    let swallowNext = true;
    const server = await startRawServer((m, c) => {
      if (m.type === 'RequestServerInfo')
        c.reply('ServerInfo', {
          Id: m.Id,
          ProtocolVersionMajor: 4,
          ProtocolVersionMinor: 0,
          MaxPingTime: 0,
          ServerName: 'slow',
        });
      else if (m.type === 'RequestDeviceList') c.reply('DeviceList', { Id: m.Id, Devices: { '0': vivi } });
      else if (m.type === 'OutputCmd' && swallowNext) swallowNext = false;
      else c.reply('Ok', { Id: m.Id });
    });
    servers.push(server);
    const client = await connect({
      name: 'slow',
      transports: websocketTransport(server.url, { WebSocket }),
      requestTimeoutMs: 150,
    });
    disconnects.push(() => client.disconnect());
    const [device] = await waitForDevices(client, 1);
    const err = await rejection(device!.vibrate(0.5));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/OutputCmd got no reply/);
    expect(client.state).toBe('connected');
    await device!.vibrate(0.25); // answered this time
    expect(server.received.filter((m) => m.type === 'OutputCmd').map((m) => m['Command'])).toEqual([
      { Vibrate: { Value: 64 } },
      { Vibrate: { Value: 32 } },
    ]);
  });

  it('pings a server that asks for it (MaxPingTime), so the session is kept alive', async () => {
    let pings = 0;
    let gotTwo!: () => void;
    const twoPings = new Promise<void>((r) => (gotTwo = r));
    const server = await startRawServer((m, c) => {
      if (m.type === 'RequestServerInfo')
        c.reply('ServerInfo', {
          Id: m.Id,
          ProtocolVersionMajor: 4,
          ProtocolVersionMinor: 0,
          MaxPingTime: 100,
          ServerName: 'pingy',
        });
      else if (m.type === 'RequestDeviceList') c.reply('DeviceList', { Id: m.Id, Devices: {} });
      else {
        c.reply('Ok', { Id: m.Id });
        if (m.type === 'Ping' && ++pings === 2) gotTwo();
      }
    });
    servers.push(server);
    const client = await connect({
      name: 'pinger',
      transports: websocketTransport(server.url, { WebSocket }),
    });
    disconnects.push(() => client.disconnect());
    await twoPings;
    expect(pings).toBeGreaterThanOrEqual(2);
  });
});
