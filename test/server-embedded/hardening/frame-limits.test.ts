/**
 * Issue 10, items 4 and 5: the frame limit was applied only after ws had read and decoded a frame
 * of up to 64 MiB; it is now the WebSocket layer's own limit, so a bigger frame is refused unread
 * (close 1009), on the client port and the device port alike. A binary frame gets an Error saying
 * the protocol is JSON text; invalid UTF-8 closes with 1007.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { WebSocketDeviceBackend } from '../../../server-embedded/hardware/websocket-devices/backend.js';
import type { BackendSink } from '../../../server-embedded/hardware/types.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
let c: RawClient | undefined;
let devices: WebSocketDeviceBackend | undefined;
afterEach(async () => {
  c?.close();
  c = undefined;
  await ts?.stop();
  ts = undefined;
  await devices?.close();
  devices = undefined;
});

const body = (m: Record<string, unknown>) => Object.values(m)[0] as Record<string, unknown>;

describe('frame limits on the client port', () => {
  it('refuses a frame over maxFrameBytes before reading it: close 1009, no reply', async () => {
    ts = await startTestServer({ maxFrameBytes: 64 * 1024 });
    c = await rawClient(ts.url);
    await c.ask(rsi());
    const replies: unknown[] = [];
    c.ws.on('message', (d) => replies.push(d.toString()));
    c.send('[' + ' '.repeat(64 * 1024) + '{"Ping":{"Id":2}}]');
    expect(await c.closed).toBe(1009);
    expect(replies).toEqual([]);
  });

  it('uses the server default of 1 MiB: a frame just under it is answered', async () => {
    ts = await startTestServer();
    c = await rawClient(ts.url);
    await c.ask(rsi());
    const padded = '[' + ' '.repeat(1024 * 1024 - 100) + '{"Ping":{"Id":2}}]';
    expect(await c.ask(padded)).toEqual({ Ok: { Id: 2 } });
  });

  it('answers a binary frame with an Error (Id 0) saying the protocol is JSON text', async () => {
    ts = await startTestServer();
    c = await rawClient(ts.url);
    await c.ask(rsi());
    c.ws.send(Buffer.from('[{"Ping":{"Id":5}}]'), { binary: true });
    const m = await c.next();
    expect(Object.keys(m)).toEqual(['Error']);
    expect(body(m)).toMatchObject({ Id: 0, ErrorCode: ErrorCode.Message });
    expect(body(m)['ErrorMessage']).toMatch(/JSON text frames/);
    expect(await c.ask([{ Ping: { Id: 6 } }])).toEqual({ Ok: { Id: 6 } });
  });

  it('closes with 1007 on a text frame that is not UTF-8, stopping the session', async () => {
    ts = await startTestServer();
    c = await rawClient(ts.url);
    await c.ask(rsi());
    c.ws.send(Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), { binary: false });
    expect(await c.closed).toBe(1007);
    // The slot is free again.
    c = await rawClient(ts.url);
    expect(Object.keys(await c.ask(rsi()))).toEqual(['ServerInfo']);
  });
});

describe('frame limits on the device port', () => {
  const sink: BackendSink = {
    deviceFound: () => {},
    scanFinished: () => {},
    scanFailed: () => {},
    specifiers: () => [],
    log: () => {},
  };

  const device = async () => {
    devices = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1' });
    await devices.start(sink);
    const ws = new WebSocket(`ws://127.0.0.1:${devices.port}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { ws, closed: new Promise<number>((r) => ws.once('close', (code) => r(code))) };
  };

  it('refuses a device frame over 64 KiB unread (1009)', async () => {
    const { ws, closed } = await device();
    ws.send(JSON.stringify({ identifier: 'x'.repeat(100 * 1024), address: 'a', version: 1 }));
    expect(await closed).toBe(1009);
  });

  it('takes an ordinary identification frame', async () => {
    const { ws, closed } = await device();
    ws.send(JSON.stringify({ identifier: 'thing', address: 'a1', version: 1 }));
    ws.send(Buffer.alloc(1024), { binary: true });
    const outcome = await Promise.race([closed, new Promise((r) => setTimeout(() => r('open'), 200))]);
    expect(outcome).toBe('open');
    ws.close();
  });
});
