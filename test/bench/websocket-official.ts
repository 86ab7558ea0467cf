/** The official buttplug 5.0.2 client over WebSocket: sequential vibrate commands, reply by reply. */
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, DeviceOutput } from 'buttplug';
import { performance } from 'node:perf_hooks';
import { LEVELS } from './measure.js';

/** A connected official client driving the first feature of the server's first device. */
export interface OfficialClient {
  /**
   * Sends `n` vibrate commands one after another, each awaited (its reply) before the next;
   * pushes each command's latency (ms) onto `latencies` and resolves with the elapsed ms.
   */
  run(n: number, latencies?: number[]): Promise<number>;
  close(): Promise<void>;
}

/** Connects, scans and waits for the server's device (bounded: 10 s). */
export async function openOfficialClient(url: string): Promise<OfficialClient> {
  const client = new ButtplugClient('bench');
  await client.connect(new ButtplugNodeWebsocketClientConnector(url));
  try {
    await client.startScanning();
    for (let i = 0; client.devices.size === 0; i++) {
      if (i > 2000) throw new Error(`no device appeared at ${url}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } catch (err) {
    await client.disconnect();
    throw err;
  }
  const feature = [...client.devices.values()][0]!.features.get(0)!;
  const commands = LEVELS.map((l) => DeviceOutput.Vibrate.percent(l));
  let sent = 0;
  return {
    async run(n, latencies) {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await feature.runOutput(commands[sent++ % 2]!);
        latencies?.push(performance.now() - t0);
      }
      return performance.now() - start;
    },
    close: () => client.disconnect(),
  };
}
