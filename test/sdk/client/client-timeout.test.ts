import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, connect, websocketTransport } from '../../../sdk/index.js';
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

/** Waits (bounded by the test timeout) until the raw server has received `n` messages. */
async function received(server: RawServer, n: number): Promise<void> {
  while (server.received.length < n) await new Promise((r) => setTimeout(r, 2));
}

describe('request timeouts', () => {
  it('a server that never answers the handshake fails connect with TIMEOUT after offering v4, then v3', async () => {
    const server = await startRawServer(() => {});
    servers.push(server);
    const clock = new VirtualClock();
    const outcome = rejection(
      connect({
        name: 'silent',
        transports: websocketTransport(server.url, { WebSocket }),
        requestTimeoutMs: 150,
        clock,
      }),
    );
    await received(server, 1);
    clock.advance(150); // the v4 offer times out: a fresh connection offers v3
    await received(server, 2);
    clock.advance(150);
    const err = await outcome;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/RequestServerInfo got no reply within 150 ms/);
    expect(
      server.received.map((m) => [m.conn, m['ProtocolVersionMajor'] ?? null, m['MessageVersion'] ?? null]),
    ).toEqual([
      [0, 4, null],
      [1, null, 3],
    ]);
  });

  // The one test of this file on the real clock: it proves the real timer path end to end.
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
    const clock = new VirtualClock();
    const client = await connect({
      name: 'pinger',
      transports: websocketTransport(server.url, { WebSocket }),
      clock,
    });
    disconnects.push(() => client.disconnect());
    clock.advance(49);
    clock.advance(1); // every MaxPingTime / 2 = 50 ms
    clock.advance(50);
    await twoPings;
    expect(pings).toBeGreaterThanOrEqual(2);
  });
});
