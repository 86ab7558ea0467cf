/**
 * The official buttplug-js 3.2.2 client (spec v3) against plugkit over a real WebSocket: list a
 * simulated Kiiroo Spot, vibrate it, read its battery, stop it; the bytes at the toy are checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ButtplugClient, ButtplugNodeWebsocketClientConnector, type ButtplugClientDevice } from 'buttplug-v3';
import { commandsAt, startServer, writesTo, type Running } from '../../support/wire-client.js';

let running: Running | undefined;
let client: ButtplugClient | undefined;
afterEach(async () => {
  if (client?.connected) await client.disconnect();
  await running?.stop();
  client = running = undefined;
});

describe('buttplug 3.2.2 (spec v3) client', () => {
  it('lists, vibrates, reads the battery of and stops a Kiiroo Spot', async () => {
    running = await startServer({ simulate: [{ name: 'SPOT W1', onRead: () => Uint8Array.of(87) }] });
    const sim = running.server.simulated.devices[0]!;
    client = new ButtplugClient('interop v3');
    const added = new Promise<ButtplugClientDevice>((resolve) => client!.once('deviceadded', resolve));
    await client.connect(new ButtplugNodeWebsocketClientConnector(running.url));
    expect(running.server.activeSession?.specVersion).toBe(3);
    await client.startScanning();
    const device = await Promise.race([
      added,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no deviceadded from the v3 client')), 5000),
      ),
    ]);
    expect(device.name).toBe('Kiiroo Spot');
    expect(client.devices.map((d) => d.index)).toEqual([0]);

    await device.vibrate(0.5);
    await commandsAt(sim, (c) => c.kind === 'write' && c.endpoint === 'tx');
    expect(writesTo(sim, 'tx')).toEqual([[0x00, 0xff, 0x00, 0x00, 0x00, 50]]);

    expect(await device.battery()).toBeCloseTo(0.87, 5);
    expect(sim.commands.filter((c) => c.kind === 'read')).toEqual([
      { kind: 'read', endpoint: 'rxblebattery', length: 1 },
    ]);

    await device.stop();
    expect(writesTo(sim, 'tx')).toEqual([
      [0x00, 0xff, 0x00, 0x00, 0x00, 50],
      [0x00, 0xff, 0x00, 0x00, 0x00, 0],
    ]);
  });
});
