/**
 * Issue 10, item 3: a client that sent without reading grew the server's memory without limit
 * (every reply waited in the server's send buffer). The server now stops reading such a client
 * while its replies wait unsent past a bound, resumes once they drain, and drops the client —
 * stopping every toy — past a hard bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../../server-embedded/server/server.js';
import type { WebSocketListenOptions } from '../../../server-embedded/transport/websocket-server.js';
import { rawClient, rsi, type RawClient } from '../../support/raw-client.js';
import { NO_KEEPALIVE, startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
let c: RawClient | undefined;
afterEach(async () => {
  c?.ws.terminate();
  await ts?.stop();
  ts = c = undefined;
});

// WebSocket keepalive out of the way: a client that does not read also misses pongs, and only
// the buffer bounds may drop it here.
const start = async (opts: ServerOptions, listen: WebSocketListenOptions): Promise<TestServer> =>
  (ts = await startTestServer(opts, { ...NO_KEEPALIVE, ...listen }));

/** One frame of `n` Pings with Ids from `first`. */
const pings = (first: number, n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ Ping: { Id: first + i } })));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('backpressure', () => {
  it('stops reading a client that does not read its replies, and resumes once it does', async () => {
    // Four toys make each DeviceList reply about 1.2 kB for a 40-byte request.
    const simulate = ['Massage Demo', 'LVS-Z36', 'LVS-Edge', 'Massage Demo'].map((name, i) => ({
      name,
      address: `toy-${i}`,
    }));
    const { server, url } = await start(
      { simulate },
      { pauseBufferedBytes: 256 * 1024, dropBufferedBytes: 1 << 30 },
    );
    let framesIn = 0;
    server.events$.subscribe((e) => e.kind === 'message-in' && framesIn++);
    c = await rawClient(url);
    await c.ask(rsi());
    await c.reply([{ StartScanning: { Id: 2 } }], 2);
    await until(() => server.manager.devices.size === 4, 'the toys', 10_000);
    framesIn = 0;
    // The client stops reading, then asks for 10,000 device lists (about 12 MB of replies).
    let replies = 0;
    c.ws.removeAllListeners('message');
    // Replies only: events (Id 0, such as ScanningFinished) may arrive too.
    c.ws.on('message', (d) => {
      const [m] = JSON.parse(d.toString()) as Record<string, { Id: number }>[];
      if (Object.values(m!)[0]!.Id !== 0) replies++;
    });
    c.ws.pause();
    const FRAMES = 40;
    const PER_FRAME = 250;
    for (let f = 0; f < FRAMES; f++)
      c.send(
        JSON.stringify(
          Array.from({ length: PER_FRAME }, (_, i) => ({
            RequestDeviceList: { Id: 10 + f * PER_FRAME + i },
          })),
        ),
      );
    // Wait until the server makes no more progress.
    let last = -1;
    for (let i = 0; i < 100 && framesIn !== last; i++) {
      last = framesIn;
      await sleep(150);
    }
    console.log(`the server read ${framesIn} of ${FRAMES} frames while the client was not reading`);
    expect(framesIn).toBeLessThan(FRAMES);

    c.ws.resume();
    await until(() => replies === FRAMES * PER_FRAME, 'every request to be answered', 110_000);
    expect(framesIn).toBe(FRAMES);
  }, 150_000);

  it('drops a client whose unread replies pass the hard bound, stopping every toy', async () => {
    const { server, url } = await start(
      { simulate: ['Massage Demo'] },
      { pauseBufferedBytes: 64 * 1024, dropBufferedBytes: 256 * 1024 },
    );
    const reasons: string[] = [];
    server.events$.subscribe((e) => e.kind === 'client-disconnected' && reasons.push(e.reason));
    c = await rawClient(url);
    await c.ask(rsi());
    await c.reply([{ StartScanning: { Id: 2 } }], 2);
    await until(() => server.manager.devices.size === 1, 'the toy');
    await c.reply(
      [{ OutputCmd: { Id: 3, DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 20 } } } }],
      3,
    );
    const toy = server.simulated.devices[0]!;
    const sent = () => toy.commands.flatMap((x) => (x.kind === 'write' ? [x.data.join()] : []));
    await until(() => sent().includes('241,20'), 'the toy to vibrate');

    c.ws.pause();
    for (let f = 0; f < 12; f++) c.send(pings(100 + f * 40_000, 40_000));
    await until(() => reasons.length === 1, 'the session to end', 30_000);
    await until(() => sent().lastIndexOf('241,0') > sent().indexOf('241,20'), 'the toy to stop');
    // The client, reading again, finds the connection cut.
    c.ws.removeAllListeners('message');
    c.ws.resume();
    expect(await c.closed).toBe(1006);
  }, 150_000);
});
