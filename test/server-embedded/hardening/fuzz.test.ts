/**
 * Fuzzing the server over a real socket (issue 10): mutated valid messages of every spec version
 * (v0–v4), prototype-named keys, deep nesting, huge numbers, wrong types, duplicate keys, frames
 * of thousands of messages, oversized and binary frames, against a real server on 127.0.0.1 with
 * simulated toys. Invariants: the server never fails; every text frame gets exactly one reply per
 * message it holds (one Error for a frame that is not a non-empty JSON array); after each batch the
 * version's stop message stops every toy; no toy is left running at the end.
 *
 * Seeded and bounded (a few hundred frames) so it runs in seconds, also on a loaded CI box.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { legacyAdapters } from '../../../server-embedded/compat/index.js';
import { startTestServer, until, type TestServer } from '../../support/server.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Message = Record<string, Record<string, unknown>>;

const MAX_FRAME_BYTES = 256 * 1024;
const RUNS_PER_VERSION = 40;
const TOYS = 2;
const SEED = 20_261_202;

// ---------------------------------------------------------------------------------------------
// Valid messages of each spec version (shapes: server-embedded/compat/shapes.ts, sdk/protocol/v4-shapes.ts)

const id = fc.integer({ min: 1, max: 1_000_000 });
const device = fc.integer({ min: 0, max: TOYS });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const index = fc.integer({ min: 0, max: 2 });

const msg = (name: string, body: fc.Arbitrary<Record<string, unknown>>) =>
  body.map((b): Message => ({ [name]: b }));

const rsiOf = (v: number) =>
  id.map(
    (Id): Message => ({
      RequestServerInfo:
        v === 4
          ? { Id, ClientName: 'fuzz', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 }
          : v === 0
            ? { Id, ClientName: 'fuzz' }
            : { Id, ClientName: 'fuzz', MessageVersion: v },
    }),
  );

const common = (v: number) => [
  rsiOf(v),
  msg('Ping', fc.record({ Id: id })),
  msg('StartScanning', fc.record({ Id: id })),
  msg('StopScanning', fc.record({ Id: id })),
  msg('RequestDeviceList', fc.record({ Id: id })),
];
const legacyCommon = [
  msg('StopDeviceCmd', fc.record({ Id: id, DeviceIndex: device })),
  msg('StopAllDevices', fc.record({ Id: id })),
];
const v0Specific = [
  msg('SingleMotorVibrateCmd', fc.record({ Id: id, DeviceIndex: device, Speed: unit })),
  msg(
    'FleshlightLaunchFW12Cmd',
    fc.record({ Id: id, DeviceIndex: device, Position: fc.nat(99), Speed: fc.nat(99) }),
  ),
  msg('KiirooCmd', fc.record({ Id: id, DeviceIndex: device, Command: fc.constantFrom('0', '2', '4', 'x') })),
  msg('LovenseCmd', fc.record({ Id: id, DeviceIndex: device, Command: fc.constant('Vibrate:5;') })),
  msg(
    'VorzeA10CycloneCmd',
    fc.record({ Id: id, DeviceIndex: device, Speed: fc.nat(100), Clockwise: fc.boolean() }),
  ),
  msg('RequestLog', fc.record({ Id: id, LogLevel: fc.constantFrom('Off', 'Warn', 'Debug') })),
  msg('Test', fc.record({ Id: id, TestString: fc.string() })),
];
const generic = [
  msg(
    'VibrateCmd',
    fc.record({
      Id: id,
      DeviceIndex: device,
      Speeds: fc.array(fc.record({ Index: index, Speed: unit }), { minLength: 1, maxLength: 3 }),
    }),
  ),
  msg(
    'RotateCmd',
    fc.record({
      Id: id,
      DeviceIndex: device,
      Rotations: fc.array(fc.record({ Index: index, Speed: unit, Clockwise: fc.boolean() }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
  ),
  msg(
    'LinearCmd',
    fc.record({
      Id: id,
      DeviceIndex: device,
      Vectors: fc.array(fc.record({ Index: index, Duration: fc.nat(2000), Position: unit }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
  ),
];
const endpoint = fc.constantFrom('tx', 'rx', 'command', 'nope');
const raw = [
  msg(
    'RawWriteCmd',
    fc.record({
      Id: id,
      DeviceIndex: device,
      Endpoint: endpoint,
      Data: fc.array(fc.nat(255), { minLength: 1, maxLength: 4 }),
      WriteWithResponse: fc.boolean(),
    }),
  ),
  msg(
    'RawReadCmd',
    fc.record({
      Id: id,
      DeviceIndex: device,
      Endpoint: endpoint,
      Length: fc.nat(8),
      WaitForData: fc.boolean(),
    }),
  ),
  msg('RawSubscribeCmd', fc.record({ Id: id, DeviceIndex: device, Endpoint: endpoint })),
  msg('RawUnsubscribeCmd', fc.record({ Id: id, DeviceIndex: device, Endpoint: endpoint })),
];
const sensor = (name: string) =>
  msg(
    name,
    fc.record({
      Id: id,
      DeviceIndex: device,
      SensorIndex: fc.nat(2),
      SensorType: fc.constantFrom('Battery', 'RSSI', 'Button', 'Pressure'),
    }),
  );

const valid: Record<number, fc.Arbitrary<Message>[]> = {
  0: [...common(0), ...legacyCommon, ...v0Specific],
  1: [...common(1), ...legacyCommon, ...v0Specific, ...generic],
  2: [
    ...common(2),
    ...legacyCommon,
    ...generic,
    msg('BatteryLevelCmd', fc.record({ Id: id, DeviceIndex: device })),
    msg('RSSILevelCmd', fc.record({ Id: id, DeviceIndex: device })),
    v0Specific[5]!,
    ...raw,
  ],
  3: [
    ...common(3),
    ...legacyCommon,
    ...generic,
    msg(
      'ScalarCmd',
      fc.record({
        Id: id,
        DeviceIndex: device,
        Scalars: fc.array(
          fc.record({
            Index: index,
            Scalar: unit,
            ActuatorType: fc.constantFrom('Vibrate', 'Rotate', 'Oscillate'),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    ),
    sensor('SensorReadCmd'),
    sensor('SensorSubscribeCmd'),
    sensor('SensorUnsubscribeCmd'),
    ...raw,
  ],
  4: [
    ...common(4),
    msg(
      'OutputCmd',
      fc.record({
        Id: id,
        DeviceIndex: device,
        FeatureIndex: index,
        Command: fc.oneof(
          fc.record({ Vibrate: fc.record({ Value: fc.nat(127) }) }),
          fc.record({ Rotate: fc.record({ Value: fc.integer({ min: -20, max: 20 }) }) }),
          fc.record({ HwPositionWithDuration: fc.record({ Value: fc.nat(100), Duration: fc.nat(1000) }) }),
        ),
      }),
    ),
    msg(
      'InputCmd',
      fc.record({
        Id: id,
        DeviceIndex: device,
        FeatureIndex: index,
        Type: fc.constantFrom('Battery', 'Rssi', 'Button', 'Pressure'),
        Command: fc.constantFrom('Read', 'Subscribe', 'Unsubscribe'),
      }),
    ),
    msg(
      'StopCmd',
      fc.record(
        { Id: id, DeviceIndex: device, FeatureIndex: index, Inputs: fc.boolean(), Outputs: fc.boolean() },
        { requiredKeys: ['Id'] },
      ),
    ),
  ],
};

// ---------------------------------------------------------------------------------------------
// Mutations. Raw JSON that JSON.stringify cannot write (huge literals, repeated keys) is marked in
// the value and spliced into the text afterwards.

const RAW = '@@RAW@@';
const DUP = '@@DUP@@';
const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'isPrototypeOf',
];
const hugeNumber = fc.constantFrom(
  `${RAW}1e400`,
  `${RAW}-1e400`,
  `${RAW}123456789012345678901234567890`,
  `${RAW}1.7976931348623157e308`,
  `${RAW}-0`,
  `${RAW}4294967296`,
  `${RAW}9007199254740993`,
  `${RAW}0.000000000000000000000001`,
);
const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, '', '0', [], {}, -1, 1.5, 'Vibrate'),
  fc.string({ maxLength: 20 }),
  // Names looked up by value (ActuatorType, SensorType, Endpoint, LogLevel, output kinds).
  fc.constantFrom<Json>(...PROTO_NAMES),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  hugeNumber,
);
/** Raw JSON texts too deep for JSON.stringify, referenced from a marker by number. */
const rawTexts: string[] = [];
/** `depth` levels of alternating objects and arrays around `inner` (JSON text), as a marker. */
const nested = (depth: number, inner = '1'): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"a":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return `${RAW}#${rawTexts.push(open + inner + close) - 1}`;
};
const anyKey = fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.string({ maxLength: 12 }));

type Mutation = (m: Message) => Message;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A field gets a wrong type, a huge number or a deep structure.
  fc.tuple(fc.nat(), wrongType).map(
    ([k, v]): Mutation =>
      (m) =>
        setField(m, k, v),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(10, 1000, 5000)).map(
    ([k, d]): Mutation =>
      (m) =>
        setField(m, k, nested(d)),
  ),
  // A field goes missing.
  fc.nat().map(
    (k): Mutation =>
      (m) => {
        const [name, body] = entry(m);
        const keys = Object.keys(body);
        if (!keys.length) return m;
        const { [keys[k % keys.length]!]: _gone, ...rest } = body;
        return { [name]: rest };
      },
  ),
  // An extra field, often named after an Object.prototype member.
  fc.tuple(anyKey, wrongType).map(
    ([key, v]): Mutation =>
      (m) => {
        const [name, body] = entry(m);
        return { [name]: withKey(body, key, v) };
      },
  ),
  // The message itself renamed (prototype names, other versions' messages, noise).
  fc
    .oneof(
      fc.constantFrom(...PROTO_NAMES),
      fc.constantFrom('OutputCmd', 'ScalarCmd', 'VibrateCmd', 'StopCmd', 'StopAllDevices', 'Ok', 'Error'),
      fc.string({ maxLength: 12 }),
    )
    .map(
      (newName): Mutation =>
        (m) =>
          ({ [newName]: entry(m)[1] }) as Message,
    ),
  // A key repeated in the text (JSON.parse keeps the last).
  fc.tuple(fc.nat(), wrongType).map(
    ([k, v]): Mutation =>
      (m) => {
        const [name, body] = entry(m);
        const keys = Object.keys(body);
        const key = keys.length ? keys[k % keys.length]! : 'Id';
        return { [name]: withKey(body, `${DUP}${key}`, v) };
      },
  ),
  // The body is not an object, or the entry has two names.
  wrongType.map(
    (v): Mutation =>
      (m) =>
        ({ [entry(m)[0]]: v }) as unknown as Message,
  ),
  fc.constant<Mutation>((m) => ({ ...m, Ping: { Id: 1 } })),
);

const entry = (m: Message): [string, Record<string, unknown>] => {
  const name = Object.keys(m)[0] ?? 'Ping';
  const body = m[name];
  return [name, typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}];
};
/** Sets a key without the `__proto__` setter, so the key really is in the text. */
const withKey = (o: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...o };
  Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
};
const setField = (m: Message, k: number, v: Json): Message => {
  const [name, body] = entry(m);
  const keys = Object.keys(body);
  if (!keys.length) return m;
  return { [name]: withKey(body, keys[k % keys.length]!, v) };
};

const toText = (v: unknown): string =>
  JSON.stringify(v)
    .replace(new RegExp(`"${RAW}([^"]*)"`, 'g'), (_, raw: string) =>
      raw.startsWith('#') ? rawTexts[Number(raw.slice(1))]! : raw,
    )
    .replaceAll(`"${DUP}`, '"');

const mutated = (v: number) =>
  fc
    .tuple(fc.oneof(...valid[v]!), fc.array(mutation, { maxLength: 3 }))
    .map(([m, ms]) => ms.reduce((acc, f) => f(acc), m));

/** One text frame: mostly arrays of valid and mutated messages, sometimes not a usable frame at all. */
const frameOf = (v: number): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(fc.oneof(fc.oneof(...valid[v]!), mutated(v)), { minLength: 1, maxLength: 8 })
        .map(toText),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '[]',
        '{}',
        'null',
        '"Ping"',
        '[1,2]',
        '[[]]',
        '[{}]',
        '{"Ping":{"Id":1}}',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(fc.oneof(...valid[v]!), { minLength: 1, maxLength: 4 }), fc.nat())
        .map(([ms, cut]) => {
          const t = toText(ms);
          return t.slice(0, 1 + (cut % (t.length - 1)));
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(10, 1000, 10_000).map((d) => toText([nested(d, '{"Ping":{"Id":1}}')])),
    },
  );

/** Replies the server owes a text frame: one per message of a non-empty JSON array, else one Error. */
const expectedReplies = (text: string): number => {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 ? v.length : 1;
  } catch {
    // Text like "[...][...]" is several arrays, which the server also takes; this suite never builds it.
    return 1;
  }
};

// ---------------------------------------------------------------------------------------------
// A raw client that counts replies up to a sentinel.

const SENTINEL_BASE = 4_000_000_000;
let sentinel = SENTINEL_BASE;

interface Client {
  ws: WebSocket;
  inbox: Message[];
  closed: Promise<number>;
  isClosed: () => boolean;
}

const open = async (url: string): Promise<Client> => {
  const ws = new WebSocket(url);
  const inbox: Message[] = [];
  let done = false;
  ws.on('message', (d, isBinary) => {
    if (!isBinary) inbox.push(...(JSON.parse(d.toString()) as Message[]));
  });
  const closed = new Promise<number>((r) =>
    ws.once('close', (code) => {
      done = true;
      r(code);
    }),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, inbox, closed, isClosed: () => done };
};

const body = (m: Message) => Object.values(m)[0] ?? {};
const isReply = (m: Message) => body(m)['Id'] !== 0 || Object.keys(m)[0] === 'Error';

/** Sends a sentinel Ping and returns the replies (not events) that came before its answer. */
const drain = async (c: Client): Promise<Message[]> => {
  const s = ++sentinel;
  c.ws.send(JSON.stringify([{ Ping: { Id: s } }]));
  await until(
    () => c.isClosed() || c.inbox.some((m) => body(m)['Id'] === s),
    `the sentinel Ping ${s}`,
    20_000,
  );
  const at = c.inbox.findIndex((m) => body(m)['Id'] === s);
  if (at < 0) throw new Error('the server closed the connection');
  const before = c.inbox.splice(0, at + 1).slice(0, at);
  return before.filter(isReply);
};

// ---------------------------------------------------------------------------------------------

const stats = { frames: 0, replies: 0, crashes: 0, toysLeftRunning: 0, closes1009: 0, binaryErrors: 0 };
let ts: TestServer;

/** Last speed sent to each vibrator of each simulated Aneros toy (bytes: 0xF1 + motor, speed). */
const running = (): number => {
  let n = 0;
  for (const toy of ts.server.simulated.devices) {
    const last = new Map<number, number>();
    for (const c of toy.commands) if (c.kind === 'write') last.set(c.data[0]!, c.data[1]!);
    for (const speed of last.values()) if (speed !== 0) n++;
  }
  return n;
};

let current: Client | undefined;
const handshake = async (url: string, v: number): Promise<Client> => {
  const c = await open(url);
  current = c;
  const hello = toText([fc.sample(rsiOf(v), { seed: 1, numRuns: 1 })[0]]);
  c.ws.send(hello);
  await until(() => c.inbox.some((m) => 'ServerInfo' in m), `ServerInfo (spec v${v})`, 10_000);
  c.inbox.length = 0;
  return c;
};

const stopAll = async (c: Client, v: number): Promise<void> => {
  const Id = ++sentinel;
  c.ws.send(JSON.stringify([v === 4 ? { StopCmd: { Id } } : { StopAllDevices: { Id } }]));
  await until(() => c.inbox.some((m) => body(m)['Id'] === Id), 'the stop to be answered', 10_000);
  const at = c.inbox.findIndex((m) => body(m)['Id'] === Id);
  expect(Object.keys(c.inbox.splice(0, at + 1)[at]!)).toEqual(['Ok']);
  await until(() => running() === 0, 'every toy to stop', 10_000);
};

beforeAll(async () => {
  ts = await startTestServer({
    adapters: legacyAdapters,
    maxFrameBytes: MAX_FRAME_BYTES,
    simulate: Array.from({ length: TOYS }, (_, i) => ({ name: 'Massage Demo', address: `fuzz-${i}` })),
  });
  ts.server.events$.subscribe((e) => {
    if (e.kind === 'error' && e.scope === 'session') stats.crashes++;
  });
});

afterEach(async () => {
  current?.ws.terminate();
  current = undefined;
  await until(() => ts.server.activeSession === undefined, 'the session to end', 10_000);
});

afterAll(async () => {
  await ts.stop();
  stats.toysLeftRunning = running();
  console.log(
    `fuzz: ${stats.frames} frames, ${stats.replies} replies, ${stats.crashes} crashes, ` +
      `${stats.toysLeftRunning} toys left running (${stats.closes1009} oversized frames closed with 1009, ` +
      `${stats.binaryErrors} binary frames answered)`,
  );
});

describe('fuzzing the server over a real socket', () => {
  for (const v of [0, 1, 2, 3, 4]) {
    it(`spec v${v}: one reply per message, toys stop after each batch`, async () => {
      let c = await handshake(ts.url, v);
      c.ws.send(JSON.stringify([{ StartScanning: { Id: 1 } }]));
      await until(() => ts.server.manager.devices.size === TOYS, 'the toys', 10_000);
      await drain(c);

      await fc.assert(
        fc.asyncProperty(fc.array(frameOf(v), { minLength: 1, maxLength: 3 }), async (frames) => {
          for (const text of frames) {
            c.ws.send(text);
            stats.frames++;
            const replies = await drain(c);
            stats.replies += replies.length;
            expect(replies.length, `replies to ${text.slice(0, 200)}`).toBe(expectedReplies(text));
          }
          await stopAll(c, v);
        }),
        { seed: SEED + v, numRuns: RUNS_PER_VERSION, endOnFailure: true },
      );

      // Thousands of messages in one frame, valid and mutated mixed (kept under the frame limit).
      const many = fc
        .sample(fc.oneof(fc.oneof(...valid[v]!), mutated(v)), { seed: SEED + 10 + v, numRuns: 4000 })
        .filter((m) => toText([m]).length < 160);
      let n = many.length;
      while (Buffer.byteLength(toText(many.slice(0, n))) > MAX_FRAME_BYTES - 1024) n = Math.floor(n * 0.9);
      const text = toText(many.slice(0, n));
      c.ws.send(text);
      stats.frames++;
      const replies = await drain(c);
      stats.replies += replies.length;
      expect(replies.length).toBe(expectedReplies(text));
      expect(replies.length).toBeGreaterThan(1000);
      await stopAll(c, v);

      // A binary frame: one Error, the session carries on.
      c.ws.send(Buffer.from('[{"Ping":{"Id":5}}]'), { binary: true });
      stats.frames++;
      const binary = await drain(c);
      stats.replies += binary.length;
      expect(binary.map((m) => Object.keys(m)[0])).toEqual(['Error']);
      stats.binaryErrors++;

      // A toy running, then an oversized frame: refused unread (1009), the session ends, toys stop.
      const start =
        v === 4
          ? { OutputCmd: { Id: 9, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 50 } } } }
          : v === 0
            ? { SingleMotorVibrateCmd: { Id: 9, DeviceIndex: 0, Speed: 0.5 } }
            : { VibrateCmd: { Id: 9, DeviceIndex: 0, Speeds: [{ Index: 0, Speed: 0.5 }] } };
      c.ws.send(JSON.stringify([start]));
      await until(() => running() > 0, 'a toy to run', 10_000);
      c.ws.send('[' + ' '.repeat(MAX_FRAME_BYTES) + ']');
      stats.frames++;
      expect(await c.closed).toBe(1009);
      stats.closes1009++;
      await until(() => running() === 0, 'every toy to stop after the close', 10_000);

      // The server still serves.
      c = await handshake(ts.url, v);
      expect(stats.crashes).toBe(0);
    }, 120_000);
  }
});
