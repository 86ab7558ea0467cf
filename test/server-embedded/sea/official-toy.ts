/** The official `buttplug` client vibrating the simulated "Massage Demo" (Aneros Vivi) of a running helper. */
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, DeviceOutput } from 'buttplug';
import { until } from '../../support/until.js';

/** Connects, finds the toy, sets motor 0 to `steps` (0..127); returns the client (disconnect it). */
export async function vibrateMassageDemo(url: string, steps: number): Promise<ButtplugClient> {
  const client = new ButtplugClient('sea test');
  await client.connect(new ButtplugNodeWebsocketClientConnector(url));
  await client.startScanning();
  await until(() => client.devices.size > 0, 5000);
  const device = [...client.devices.values()][0]!;
  await device.features.get(0)!.runOutput(DeviceOutput.Vibrate.steps(steps));
  return client;
}

/** The debug log line of a write of `bytes` (hex) to the toy's tx endpoint. */
export const writeLine = (bytes: string) => new RegExp(`"Massage Demo" write tx \\[${bytes}\\]`);
