import { createPipe, type Clock, type PipeEnd, type Transport } from '../../../sdk/index.js';

/** A message as the scripted server sees it: the name plus the fields. */
export interface ScriptedMessage {
  type: string;
  Id: number;
  [field: string]: unknown;
}

/** An in-memory Buttplug v4 server for client tests: scripted replies, no sockets, no timers. */
export interface ScriptedServer {
  /** Connects over an in-memory pipe; reconnectable, so the client re-opens it after a drop. */
  readonly transport: Transport;
  /** Clock time of every connect() call, refused ones included. */
  readonly connects: number[];
  readonly received: ScriptedMessage[];
  /** While false, connect() fails like a server that is down. */
  up: boolean;
  /** Closes the current connection from the server side. */
  drop(): void;
  /** Sends an event (Id 0) to the connected client. */
  event(type: string, fields: Record<string, unknown>): void;
}

/** A one-motor vibrator in spec v4 shape. */
export const vibrator = (index = 0, name = 'Aneros Vivi') => ({
  DeviceIndex: index,
  DeviceName: name,
  DeviceMessageTimingGap: 0,
  DeviceFeatures: {
    '0': { FeatureIndex: 0, FeatureDescription: '', Output: { Vibrate: { Value: [0, 127] } } },
  },
});

export interface ScriptOptions {
  clock: Clock;
  /** Devices listed in the DeviceList reply. */
  devices?: Record<string, unknown>[];
  maxPingTime?: number;
  /** Answers a message; return false to fall back to the default reply (Ok). */
  handle?: (m: ScriptedMessage, reply: (type: string, fields: Record<string, unknown>) => void) => boolean;
}

export function scriptedServer(options: ScriptOptions): ScriptedServer {
  let end: PipeEnd | undefined;
  const send = (type: string, fields: Record<string, unknown>) =>
    end?.send(JSON.stringify([{ [type]: fields }]));
  const server: ScriptedServer = {
    connects: [],
    received: [],
    up: true,
    drop: () => end?.close('dropped by the test'),
    event: (type, fields) => send(type, { Id: 0, ...fields }),
    transport: {
      description: 'scripted',
      reconnectable: true,
      connect: async () => {
        server.connects.push(options.clock.now());
        if (!server.up) throw new Error('connection refused');
        const pipe = createPipe();
        end = pipe.server;
        const mine = pipe.server;
        mine.frame$.subscribe((frame) => {
          for (const entry of JSON.parse(frame) as Record<string, Record<string, unknown>>[]) {
            const type = Object.keys(entry)[0]!;
            const m = { type, ...entry[type] } as ScriptedMessage;
            server.received.push(m);
            const reply = (t: string, fields: Record<string, unknown>) =>
              mine.send(JSON.stringify([{ [t]: { Id: m.Id, ...fields } }]));
            if (options.handle?.(m, reply)) continue;
            if (m.type === 'RequestServerInfo')
              reply('ServerInfo', {
                ProtocolVersionMajor: 4,
                ProtocolVersionMinor: 0,
                MaxPingTime: options.maxPingTime ?? 0,
                ServerName: 'scripted',
              });
            else if (m.type === 'RequestDeviceList')
              reply('DeviceList', {
                Devices: Object.fromEntries((options.devices ?? []).map((d, i) => [String(i), d])),
              });
            else reply('Ok', {});
          }
        });
        return pipe.client;
      },
    },
  };
  return server;
}

/** Lets in-memory deliveries and promise callbacks run (a real macrotask turn). */
export const flush = (): Promise<void> => new Promise<void>((r) => setImmediate(r));

/** Flushes until `done()` holds, at most `turns` times; throws if it never does. */
export async function until(done: () => boolean, what: string, turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (done()) return;
    await flush();
  }
  throw new Error(`gave up waiting for ${what}`);
}
