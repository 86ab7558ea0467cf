/**
 * `npm run bench`: latency from a client's vibrate call to the simulated toy's write, and
 * sequential commands per second — in-process (plugkit's channel, no socket) and over WebSocket
 * with the official `buttplug` client. Prints figures; nothing here passes or fails.
 */
import { performance } from 'node:perf_hooks';
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, DeviceOutput } from 'buttplug';
import WebSocket from 'ws';
import { MessageChannel } from '../../sdk/client/message-channel.js';
import { connect } from '../../sdk/client/connect.js';
import { websocketTransport } from '../../sdk/transport/websocket.js';
import { embedded } from '../../server-embedded/transport/embedded.js';
import { PlugkitServer } from '../../server-embedded/server/server.js';
import { inProcessTransport } from '../../server-embedded/transport/in-process.js';
import { listenWebSocket } from '../../server-embedded/transport/websocket-server.js';
import type { SimulatedDevice } from '../../server-embedded/hardware/simulated/simulated-device.js';

const N = Number(process.env['BENCH_N'] ?? 3000);
const WARMUP = 200;

interface Figures {
  name: string;
  median: number;
  p99: number;
  perSecond: number;
  n: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Runs `send(value)` N times in sequence, timing each call until the toy records a write. */
async function measure(
  name: string,
  sim: SimulatedDevice,
  send: (value: number) => Promise<unknown>,
): Promise<Figures> {
  let resolveWrite: (() => void) | undefined;
  const sub = sim.command$.subscribe(() => resolveWrite?.());
  const latencies: number[] = [];
  const one = async (i: number) => {
    const written = new Promise<void>((r) => (resolveWrite = r));
    const t0 = performance.now();
    // Alternate values: a repeated value is (correctly) not written again.
    await Promise.all([send(1 + (i % 2)), written]);
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) await one(i);
  const start = performance.now();
  for (let i = 0; i < N; i++) latencies.push(await one(i));
  const total = performance.now() - start;
  sub.unsubscribe();
  latencies.sort((a, b) => a - b);
  return {
    name,
    median: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    perSecond: (N / total) * 1000,
    n: N,
  };
}

async function inProcess(): Promise<Figures> {
  const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
  const channel = new MessageChannel(await inProcessTransport(server).connect());
  await channel.request({
    type: 'RequestServerInfo',
    ClientName: 'bench',
    ProtocolVersionMajor: 4,
    ProtocolVersionMinor: 0,
  });
  await channel.request({ type: 'StartScanning' });
  while (server.manager.devices.size === 0) await new Promise((r) => setTimeout(r, 5));
  const sim = server.simulated.devices[0]!;
  const f = await measure('plugkit in-process (MessageChannel, no socket)', sim, (v) =>
    channel.request({
      type: 'OutputCmd',
      DeviceIndex: 0,
      FeatureIndex: 0,
      Command: { Vibrate: { Value: v } },
    }),
  );
  channel.close();
  await server.close();
  return f;
}

async function websocketOfficial(): Promise<Figures> {
  const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
  const listener = await listenWebSocket(server, { port: 0 });
  const client = new ButtplugClient('bench');
  await client.connect(new ButtplugNodeWebsocketClientConnector(listener.url));
  await client.startScanning();
  while (client.devices.size === 0) await new Promise((r) => setTimeout(r, 5));
  const feature = [...client.devices.values()][0]!.features.get(0)!;
  const sim = server.simulated.devices[0]!;
  const f = await measure('WebSocket, official buttplug 5.0.2 client', sim, (v) =>
    feature.runOutput(DeviceOutput.Vibrate.steps(v)),
  );
  await client.disconnect();
  await server.close();
  await listener.close();
  return f;
}

async function plugkitClientEmbedded(): Promise<Figures> {
  const transport = embedded({ simulate: ['Massage Demo'], log: 'off' });
  const client = await connect({ name: 'bench', transports: [transport] });
  await client.startScanning();
  while (client.devices.length === 0) await new Promise((r) => setTimeout(r, 5));
  const output = client.devices[0]!.outputs('Vibrate')[0]!;
  const sim = transport.server!.simulated.devices[0]!;
  const f = await measure('plugkit client, embedded() (in-process)', sim, (v) => output.setSteps(v));
  await client.disconnect();
  return f;
}

async function plugkitClientWebsocket(): Promise<Figures> {
  const server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
  const listener = await listenWebSocket(server, { port: 0 });
  const client = await connect({
    name: 'bench',
    transports: [websocketTransport(listener.url, { WebSocket })],
  });
  await client.startScanning();
  while (client.devices.length === 0) await new Promise((r) => setTimeout(r, 5));
  const output = client.devices[0]!.outputs('Vibrate')[0]!;
  const sim = server.simulated.devices[0]!;
  const f = await measure('WebSocket, plugkit client', sim, (v) => output.setSteps(v));
  await client.disconnect();
  await server.close();
  await listener.close();
  return f;
}

const rows = [
  await inProcess(),
  await plugkitClientEmbedded(),
  await plugkitClientWebsocket(),
  await websocketOfficial(),
];
const mem = process.memoryUsage();
console.log(
  `vibrate command → simulated toy write, ${N} sequential commands each (after ${WARMUP} warm-up), node ${process.version}`,
);
console.log('| path | median ms | p99 ms | commands/s |');
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.name} | ${r.median.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.perSecond.toFixed(0)} |`);
console.log(
  `rss ${(mem.rss / 1048576).toFixed(1)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(1)} MiB`,
);
