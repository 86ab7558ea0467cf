/** The official buttplug 5.0.2 client over WebSocket: sequential vibrate commands, reply by reply. */
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, DeviceOutput } from 'buttplug';
import { LEVELS, sequential, type Figures } from './measure.js';

/** One measured run against the server at `url` (its first device's first feature). */
export async function officialClientRun(url: string, n?: number): Promise<Figures> {
  const client = new ButtplugClient('bench');
  await client.connect(new ButtplugNodeWebsocketClientConnector(url));
  try {
    await client.startScanning();
    for (let i = 0; client.devices.size === 0; i++) {
      if (i > 2000) throw new Error(`no device appeared at ${url}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const feature = [...client.devices.values()][0]!.features.get(0)!;
    const commands = LEVELS.map((l) => DeviceOutput.Vibrate.percent(l));
    return await sequential((i) => feature.runOutput(commands[i % 2]!), n);
  } finally {
    await client.disconnect();
  }
}
