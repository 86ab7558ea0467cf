/**
 * Interoperability with the official TypeScript client (npm `buttplug` 5.0.2, spec v4) over a
 * real WebSocket on 127.0.0.1.
 */
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, DeviceOutput, OutputType } from 'buttplug';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, until, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
let client: ButtplugClient | undefined;
afterEach(async () => {
  if (client?.connected) await client.disconnect();
  await ts?.stop();
  ts = undefined;
});

describe('official buttplug 5.0.2 client', () => {
  it('handshakes, scans, lists a simulated device, vibrates it and stops it', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'], name: 'plugkit test' });
    client = new ButtplugClient('interop test');
    const added: string[] = [];
    let finished = 0;
    client.addListener('deviceadded', (d: { name: string }) => added.push(d.name));
    client.addListener('scanningfinished', () => finished++);
    await client.connect(new ButtplugNodeWebsocketClientConnector(ts.url));
    expect(client.connected).toBe(true);
    expect(client.devices.size).toBe(0);

    await client.startScanning();
    await until(() => added.length === 1 && finished === 1);
    expect(added).toEqual(['Aneros Vivi']);
    await client.stopScanning();

    const device = [...client.devices.values()][0]!;
    expect(device.index).toBe(0);
    expect([...device.features.keys()]).toEqual([0, 1]);
    const f0 = device.features.get(0)!;
    expect(f0.hasOutput(OutputType.Vibrate)).toBe(true);
    expect(f0.output(OutputType.Vibrate)!.valueRange).toEqual([0, 127]);

    const sim = ts.server.simulated.devices[0]!;
    // percent(0.5) of 127 steps → ceil(63.5) = 64 on both motors (runOutput fans out).
    await device.runOutput(DeviceOutput.Vibrate.percent(0.5));
    await until(() => sim.writes.length === 2);
    expect(sim.writes.map((w) => [w.endpoint, w.data])).toEqual([
      ['tx', [0xf1, 64]],
      ['tx', [0xf2, 64]],
    ]);
    await f0.runOutput(DeviceOutput.Vibrate.steps(10));
    await until(() => sim.writes.length === 3);
    expect(sim.writes[2]!.data).toEqual([0xf1, 10]);

    await device.stop();
    await until(() => sim.writes.length === 5);
    expect(sim.writes.slice(3).map((w) => w.data)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
  });

  it('sees a device that drops out removed, and back at its old index when it returns', async () => {
    ts = await startTestServer({ simulate: ['Massage Demo'] });
    client = new ButtplugClient('interop test');
    const removed: number[] = [];
    let finished = 0;
    client.addListener('deviceremoved', (d: { index: number }) => removed.push(d.index));
    client.addListener('scanningfinished', () => finished++);
    await client.connect(new ButtplugNodeWebsocketClientConnector(ts.url));
    await client.startScanning();
    await until(() => client!.devices.size === 1 && finished === 1);
    const sim = ts.server.simulated.devices[0]!;
    sim.drop();
    await until(() => removed.length === 1 && client!.devices.size === 0);
    expect(removed).toEqual([0]);
    await client.startScanning();
    await until(() => client!.devices.size === 1);
    expect([...client.devices.keys()]).toEqual([0]);
  });
});
