/**
 * Issue: a message or field named after an Object.prototype member (valueOf, constructor,
 * toString, __proto__, hasOwnProperty) was looked up on the prototype: a frame was cut short and
 * a toy left running. Every such message now gets its own Error and the rest of the frame runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer;
let c: RawClient;

beforeEach(async () => {
  ts = await startTestServer({ simulate: ['Massage Demo'] });
  c = await rawClient(ts.url);
});
afterEach(async () => {
  c.close();
  await ts.stop();
});

const body = (m: Record<string, unknown>) => Object.values(m)[0] as Record<string, unknown>;
const kind = (m: Record<string, unknown>) => Object.keys(m)[0];

const ready = async () => {
  expect(kind(await c.ask(rsi()))).toBe('ServerInfo');
  await c.reply([{ StartScanning: { Id: 2 } }], 2);
  await until(() => ts.server.manager.devices.size === 1);
};

/** Collects replies until every Id in `ids` was answered, skipping events (Id 0). */
const answers = async (ids: number[]) => {
  const got = new Map<number, Record<string, unknown>>();
  for (let i = 0; i < 50 && got.size < ids.length; i++) {
    const m = await c.next();
    const id = body(m)['Id'] as number;
    if (ids.includes(id)) got.set(id, m);
  }
  return got;
};

const vibrate = (Id: number, Value: number) => ({
  OutputCmd: { Id, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value } } },
});

describe('prototype-named keys over a real socket', () => {
  it('answers valueOf with an Error and still runs the StopCmd after it', async () => {
    await ready();
    c.send([vibrate(10, 20), { valueOf: { Id: 11 } }, { StopCmd: { Id: 12 } }]);
    const got = await answers([10, 11, 12]);
    expect(kind(got.get(10)!)).toBe('Ok');
    expect(kind(got.get(11)!)).toBe('Error');
    expect(body(got.get(11)!)['ErrorCode']).toBe(ErrorCode.Message);
    expect(body(got.get(11)!)['ErrorMessage']).toMatch(/Unknown message type "valueOf"/);
    expect(kind(got.get(12)!)).toBe('Ok');
    const toy = ts.server.simulated.devices[0]!;
    const writes = () => toy.commands.flatMap((c) => (c.kind === 'write' ? [c.data] : []));
    // Aneros: [0xF1 + motor, speed]; the vibrate went out, then the stop zeroed that motor.
    const sent = () => writes().map((d) => d.join());
    await until(() => sent().lastIndexOf('241,0') > sent().indexOf('241,20'), 'the stop to reach the toy');
    expect(sent()).toContain('241,20');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'does not take %s for RequestServerInfo before the handshake',
    async (name) => {
      const m = await c.ask(`[{"${name}":{"Id":3,"ClientName":"x","ProtocolVersionMajor":4}}]`);
      expect(kind(m)).toBe('Error');
      expect(body(m)['Id']).toBe(3);
      expect(kind(await c.ask(rsi(4)))).toBe('ServerInfo');
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'refuses an extra field named %s, naming it',
    async (name) => {
      await ready();
      const m = await c.reply(`[{"Ping":{"Id":7,"${name}":1}}]`, 7);
      expect(kind(m)).toBe('Error');
      expect(body(m)['ErrorMessage']).toContain(name);
    },
  );

  it('answers a Command whose only key is __proto__', async () => {
    await ready();
    const m = await c.reply(
      '[{"OutputCmd":{"Id":8,"DeviceIndex":0,"FeatureIndex":0,"Command":{"__proto__":{"Value":1}}}}]',
      8,
    );
    expect(kind(m)).toBe('Error');
    expect(body(m)['ErrorMessage']).toMatch(/__proto__/);
  });
});
