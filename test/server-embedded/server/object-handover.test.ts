/**
 * The in-process transport hands message objects across instead of JSON text. These tests feed
 * the same messages — good and bad — through a real socket and through the object path and
 * expect the very same replies, so skipping the text costs no check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serializeMessage, type AnyMessage } from '../../../sdk/protocol/index.js';
import type { TransportConnection } from '../../../sdk/transport/types.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import { inProcessTransport } from '../../../server-embedded/transport/in-process.js';
import { rawClient, type RawClient } from '../../support/raw-client.js';
import { startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
let socket: RawClient | undefined;
let local: PlugkitServer | undefined;
let conn: TransportConnection | undefined;
afterEach(async () => {
  socket?.close();
  await conn?.close();
  await ts?.stop();
  await local?.close();
  ts = socket = local = conn = undefined;
});

/** Wire-form messages, each sent on its own; bad ones first, before and after the handshake. */
const script: Record<string, unknown>[] = [
  { Ping: { Id: 1 } },
  { RequestServerInfo: { Id: 2, ClientName: 'x', ProtocolVersionMajor: 9, ProtocolVersionMinor: 0 } },
  { RequestServerInfo: { Id: 3, ClientName: 'x', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 } },
  { Ping: { Id: 4, Extra: 1 } },
  { Ping: { Id: 0 } },
  { Nope: { Id: 5 } },
  { Ping: { Id: 6 }, Pong: { Id: 7 } },
  { OutputCmd: { Id: 8, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 'high' } } } },
  { OutputCmd: { Id: 9, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 1 }, Rotate: {} } } },
  { OutputCmd: { Id: 10, DeviceIndex: 0, FeatureIndex: 0, Command: { Wiggle: { Value: 1 } } } },
  { OutputCmd: { Id: 11, DeviceIndex: 0, FeatureIndex: 0 } },
  { OutputCmd: { Id: 12, DeviceIndex: -1, FeatureIndex: 0, Command: { Vibrate: { Value: 1 } } } },
  { OutputCmd: { Id: 13, DeviceIndex: 7, FeatureIndex: 0, Command: { Vibrate: { Value: 1 } } } },
  { OutputCmd: { Id: 14, DeviceIndex: 0, FeatureIndex: 1, Command: { Vibrate: { Value: 999 } } } },
  { OutputCmd: { Id: 15, DeviceIndex: 0, FeatureIndex: 1, Command: { Vibrate: { Value: 64 } } } },
  { StopCmd: { Id: 16, DeviceIndex: 0, Inputs: 'yes' } },
  { StopCmd: { Id: 17 } },
  JSON.parse('{"Ping":{"Id":18,"__proto__":{"x":1}}}') as Record<string, unknown>,
  { Ping: null },
  { Ping: [] },
];

/** Replies to the script, events (Id 0) aside, in wire form. */
async function viaSocket(): Promise<unknown[]> {
  ts = await startTestServer({ simulate: ['Massage Demo'] });
  await ts.server.manager.startScanning();
  await until(() => ts!.server.manager.devices.size === 1);
  socket = await rawClient(ts.url);
  const replies: unknown[] = [];
  for (const m of script) {
    socket.send([m]);
    for (;;) {
      const r = await socket.next();
      const body = Object.values(r)[0] as { Id: number };
      if (body.Id !== 0 || Object.keys(r)[0] === 'Error') {
        replies.push(r);
        break;
      }
    }
  }
  return replies;
}

async function viaObjects(): Promise<unknown[]> {
  local = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
  await local.manager.startScanning();
  await until(() => local!.manager.devices.size === 1);
  conn = await inProcessTransport(local).connect();
  const passing = conn.messages!;
  const inbox: AnyMessage[] = [];
  passing.message$.subscribe((m) => {
    expect(typeof m).toBe('object'); // objects, not text
    inbox.push(m as AnyMessage);
  });
  const replies: unknown[] = [];
  for (const m of script) {
    passing.send(m);
    for (;;) {
      await until(() => inbox.length > 0);
      const r = inbox.shift()!;
      if (r.Id !== 0 || r.type === 'Error') {
        // Compared in wire form, as the socket client sees it.
        replies.push((JSON.parse(serializeMessage(r)) as unknown[])[0]);
        break;
      }
    }
  }
  return replies;
}

describe('object hand-over (in-process)', () => {
  it('answers good and bad messages exactly as the socket path does', async () => {
    const wire = await viaSocket();
    const objects = await viaObjects();
    expect(objects).toEqual(wire);
    // The script does reach every kind of answer: errors, the handshake, accepted commands.
    const kinds = wire.map((r) => Object.keys(r as object)[0]);
    expect(kinds.filter((k) => k === 'Error').length).toBeGreaterThan(10);
    expect(kinds).toContain('ServerInfo');
    expect(kinds).toContain('Ok');
    expect(local!.simulated.devices[0]!.writes.map((w) => w.data)).toContainEqual([0xf2, 64]);
  });

  it('takes text frames on the same connection too, answering them as objects', async () => {
    local = await PlugkitServer.create({ log: 'off' });
    conn = await inProcessTransport(local).connect();
    const seen: (AnyMessage | string)[] = [];
    conn.messages!.message$.subscribe((m) => seen.push(m));
    conn.send('[]');
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ type: 'Error', Id: 0, ErrorCode: 3 });
    expect((seen[0] as AnyMessage)['ErrorMessage']).toMatch(/empty array/);
  });

  it('still gives text to a client that reads only frame$', async () => {
    local = await PlugkitServer.create({ log: 'off' });
    conn = await inProcessTransport(local).connect();
    const frames: string[] = [];
    conn.frame$.subscribe((f) => frames.push(f));
    conn.send('[{"Ping":{"Id":3}}]');
    await until(() => frames.length === 1);
    expect(JSON.parse(frames[0]!)).toEqual([
      { Error: { Id: 3, ErrorCode: 1, ErrorMessage: expect.stringMatching(/RequestServerInfo first/) } },
    ]);
  });
});
