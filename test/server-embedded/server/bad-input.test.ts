import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer;
let c: RawClient;

beforeEach(async () => {
  ts = await startTestServer({ simulate: ['Massage Demo'], maxFrameBytes: 4096 });
  c = await rawClient(ts.url);
});
afterEach(async () => {
  c.close();
  await ts.stop();
});

const expectError = (m: Record<string, unknown>, Id: number, code: ErrorCode, text?: RegExp) => {
  expect(Object.keys(m)).toEqual(['Error']);
  const e = m['Error'] as { Id: number; ErrorCode: number; ErrorMessage: string };
  expect(e.Id).toBe(Id);
  expect(e.ErrorCode).toBe(code);
  if (text) expect(e.ErrorMessage).toMatch(text);
};

/** After the handshake, with the simulated Aneros Vivi connected at index 0. */
const ready = async () => {
  expect(Object.keys(await c.ask(rsi()))).toEqual(['ServerInfo']);
  expect(await c.ask([{ StartScanning: { Id: 2 } }])).toEqual({ Ok: { Id: 2 } });
  await until(() => ts.server.manager.devices.size === 1);
  // Drain the DeviceList event and ScanningFinished.
  const events = [await c.next(), await c.next()];
  expect(events.map((e) => Object.keys(e)[0]).sort()).toEqual(['DeviceList', 'ScanningFinished']);
};

describe('bad input over a real socket', () => {
  it('answers a message before RequestServerInfo with E1 and its Id', async () => {
    expectError(await c.ask([{ Ping: { Id: 4 } }]), 4, ErrorCode.Init, /RequestServerInfo first/);
    // The handshake still works afterwards.
    expect(Object.keys(await c.ask(rsi(5)))).toEqual(['ServerInfo']);
  });

  it('answers a second RequestServerInfo with E1', async () => {
    await c.ask(rsi());
    expectError(await c.ask(rsi(2)), 2, ErrorCode.Init, /already happened/);
  });

  it('answers an unsupported spec version with E1', async () => {
    expectError(
      await c.ask([
        { RequestServerInfo: { Id: 3, ClientName: 'x', ProtocolVersionMajor: 5, ProtocolVersionMinor: 0 } },
      ]),
      3,
      ErrorCode.Init,
      /v5.*up to v4/,
    );
    expectError(
      await c.ask([{ RequestServerInfo: { Id: 4, ClientName: 'x', MessageVersion: 2 } }]),
      4,
      ErrorCode.Init,
      /v2/,
    );
  });

  it('answers malformed JSON, non-array frames and unknown messages with E3', async () => {
    await c.ask(rsi());
    expectError(await c.ask('[{"Ping":'), 0, ErrorCode.Message, /not valid JSON/);
    expectError(await c.ask('{"Ping":{"Id":3}}'), 0, ErrorCode.Message, /JSON array/);
    expectError(
      await c.ask([{ Frobnicate: { Id: 7 } }]),
      7,
      ErrorCode.Message,
      /Unknown message type "Frobnicate"/,
    );
    expectError(
      await c.ask([{ VibrateCmd: { Id: 8, DeviceIndex: 0, Speeds: [] } }]),
      8,
      ErrorCode.Message,
      /Unknown message type/,
    );
  });

  it('answers a missing or zero Id with E3 and Id 0, extra fields with E3 and the Id', async () => {
    await c.ask(rsi());
    expectError(await c.ask([{ Ping: {} }]), 0, ErrorCode.Message, /Id: required/);
    expectError(await c.ask([{ Ping: { Id: 0 } }]), 0, ErrorCode.Message, /reserved/);
    expectError(await c.ask([{ Ping: { Id: 9, Oops: 1 } }]), 9, ErrorCode.Message, /Oops: unknown field/);
  });

  it('refuses a frame over the size limit unread, closing with 1009', async () => {
    await c.ask(rsi());
    const big = JSON.stringify([
      { Ping: { Id: 1 } },
      ...Array.from({ length: 400 }, (_, i) => ({ Ping: { Id: i + 2 } })),
    ]);
    c.send(big);
    expect(await c.closed).toBe(1009);
  });

  it('answers out-of-range and non-integer values, unknown devices and features with typed errors', async () => {
    await ready();
    const out = (Id: number, DeviceIndex: number, FeatureIndex: number, Command: unknown) => [
      { OutputCmd: { Id, DeviceIndex, FeatureIndex, Command } },
    ];
    expectError(
      await c.ask(out(10, 0, 0, { Vibrate: { Value: 128 } })),
      10,
      ErrorCode.Device,
      /128 is outside 0\.\.127/,
    );
    expectError(await c.ask(out(11, 0, 0, { Vibrate: { Value: -1 } })), 11, ErrorCode.Device, /no negative/);
    expectError(
      await c.ask(out(12, 0, 0, { Vibrate: { Value: 0.5 } })),
      12,
      ErrorCode.Message,
      /expected an integer/,
    );
    expectError(
      await c.ask(out(13, 7, 0, { Vibrate: { Value: 1 } })),
      13,
      ErrorCode.Device,
      /No device at index 7; connected: 0/,
    );
    expectError(await c.ask(out(14, 0, 9, { Vibrate: { Value: 1 } })), 14, ErrorCode.Device, /no feature 9/);
    expectError(
      await c.ask(out(15, 0, 0, { Rotate: { Value: 1 } })),
      15,
      ErrorCode.Device,
      /no Rotate output/,
    );
    expectError(
      await c.ask([
        { InputCmd: { Id: 16, DeviceIndex: 0, FeatureIndex: 0, Type: 'Battery', Command: 'Read' } },
      ]),
      16,
      ErrorCode.Device,
      /no Battery input/,
    );
    expectError(
      await c.ask([{ StopCmd: { Id: 17, DeviceIndex: 3 } }]),
      17,
      ErrorCode.Device,
      /No device at index 3/,
    );
    expectError(
      await c.ask([{ StopCmd: { Id: 18, FeatureIndex: 0 } }]),
      18,
      ErrorCode.Message,
      /needs a DeviceIndex/,
    );
    // Nothing reached the toy, and the session is still healthy.
    expect(ts.server.simulated.devices[0]!.writes).toEqual([]);
    expect(await c.ask([{ Ping: { Id: 19 } }])).toEqual({ Ok: { Id: 19 } });
  });

  it('replies to a batch in arrival order, one message per frame', async () => {
    await ready();
    const frames: string[] = [];
    c.ws.on('message', (d) => frames.push(d.toString()));
    c.send([
      { OutputCmd: { Id: 30, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 64 } } } },
      { Ping: { Id: 31 } },
      { OutputCmd: { Id: 32, DeviceIndex: 0, FeatureIndex: 5, Command: { Vibrate: { Value: 1 } } } },
      { RequestDeviceList: { Id: 33 } },
      { Ping: { Id: 34 } },
    ]);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((Object.values(await c.next())[0] as { Id: number }).Id);
    expect(ids).toEqual([30, 31, 32, 33, 34]);
    await until(() => frames.length === 5);
    for (const f of frames) expect(JSON.parse(f)).toHaveLength(1);
    expect(ts.server.simulated.devices[0]!.writes).toEqual([
      { kind: 'write', endpoint: 'tx', data: [0xf1, 64], withResponse: false },
    ]);
  });

  it('answers a binary frame with an Error without disturbing the session', async () => {
    await c.ask(rsi());
    c.ws.send(Buffer.from([1, 2, 3]));
    expectError(await c.next(), 0, ErrorCode.Message, /JSON text frames/);
    expect(await c.ask([{ Ping: { Id: 2 } }])).toEqual({ Ok: { Id: 2 } });
  });
});
