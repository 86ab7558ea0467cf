/**
 * Old apps against real toy protocols: a v1 app driving a Fleshlight Launch with
 * FleshlightLaunchFW12Cmd, a v0 app vibrating an Aneros with SingleMotorVibrateCmd.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { commandsAt, handshake, startServer, WireClient, writesTo, type Running } from '../../support/wire-client.js';
import { launchDuration, launchSpeed } from '../../../server-embedded/protocols/support/launch-speed.js';

let running: Running | undefined;
let client: WireClient | undefined;
afterEach(async () => {
  await client?.close();
  await running?.stop();
  client = running = undefined;
});

async function connect(version: number | undefined, toy: string) {
  running = await startServer({ simulate: [toy] });
  client = await WireClient.connect(running.url);
  await handshake(client, version);
  await client.request('StartScanning');
  const added = await client.waitFor((m) => m.type === 'DeviceAdded', 'DeviceAdded');
  return { c: client, added, sim: running.server.simulated.devices[0]! };
}

describe('v1 app with a Fleshlight Launch', () => {
  it('FleshlightLaunchFW12Cmd reaches the Launch as [position, speed] after the init byte', async () => {
    const { c, added, sim } = await connect(1, 'Launch');
    expect(added).toMatchObject({
      DeviceName: 'Fleshlight Launch',
      DeviceMessages: { FleshlightLaunchFW12Cmd: {}, LinearCmd: { FeatureCount: 1 } },
    });
    // Command mode is entered once, on connect: 0x00 to the firmware endpoint, with response.
    expect(sim.writes[0]).toEqual({ kind: 'write', endpoint: 'firmware', data: [0], withResponse: true });

    const moves: [number, number][] = [
      [99, 20],
      [0, 50],
      [40, 90],
      [99, 5],
    ];
    for (const [Position, Speed] of moves)
      expect(await c.request('FleshlightLaunchFW12Cmd', { DeviceIndex: 0, Position, Speed })).toMatchObject({
        type: 'Ok',
      });
    const tx = writesTo(sim, 'tx');
    expect(tx.map((b) => b[0])).toEqual(moves.map((m) => m[0]));
    // The speed survives the speed → duration → speed round trip through the v4 core within one unit.
    tx.forEach((bytes, i) => {
      expect(bytes).toHaveLength(2);
      expect(Math.abs(bytes[1]! - moves[i]![1])).toBeLessThanOrEqual(1);
    });
  });

  it('a repeated position is a zero-length stroke, and positions out of 0..99 are refused', async () => {
    const { c, sim } = await connect(1, 'Launch');
    await c.request('FleshlightLaunchFW12Cmd', { DeviceIndex: 0, Position: 50, Speed: 30 });
    const reply = await c.request('FleshlightLaunchFW12Cmd', { DeviceIndex: 0, Position: 100, Speed: 30 });
    expect(reply).toMatchObject({ type: 'Error', ErrorCode: 3 });
    expect(writesTo(sim, 'tx')).toHaveLength(1);
  });

  it('KiirooCmd positions 0..4 move the Launch across its range', async () => {
    const { c, sim } = await connect(0, 'Launch');
    for (const Command of ['4', '0', '2'])
      expect((await c.request('KiirooCmd', { DeviceIndex: 0, Command })).type).toBe('Ok');
    const tx = writesTo(sim, 'tx');
    expect(tx.map((b) => b[0])).toEqual([99, 0, 50]);
    // Speeds follow the Launch formula; like the reference, a move faster than 99 can express
    // saturates the byte rather than being clamped to 99.
    for (const b of tx) expect(b[1]).toBeGreaterThan(0);
    for (const b of tx) expect(b[1]).toBeLessThanOrEqual(255);
  });

  it('the Launch formula: duration and speed are near-inverse and bounded', () => {
    expect(launchDuration(0, 0.5)).toBe(0);
    expect(launchDuration(1, 0)).toBe(0);
    for (const speed of [0.05, 0.2, 0.5, 0.9]) {
      const d = launchDuration(1, speed);
      expect(d).toBeGreaterThan(0);
      expect(Math.abs(launchSpeed(1, d) - speed)).toBeLessThan(0.02);
    }
    // Faster moves take less time; an instant move asks for full speed.
    expect(launchDuration(1, 0.9)).toBeLessThan(launchDuration(1, 0.2));
    expect(launchSpeed(0.5, 0)).toBeGreaterThanOrEqual(1);
  });
});

describe('v0 app with a vibrator', () => {
  it('SingleMotorVibrateCmd sets every motor of an Aneros Vivi; StopDeviceCmd stops it', async () => {
    const { c, added, sim } = await connect(undefined, 'Massage Demo');
    expect(added).toEqual({
      type: 'DeviceAdded',
      Id: 0,
      DeviceName: 'Aneros Vivi',
      DeviceIndex: 0,
      DeviceMessages: ['SingleMotorVibrateCmd', 'StopDeviceCmd'],
    });
    expect((await c.request('SingleMotorVibrateCmd', { DeviceIndex: 0, Speed: 0.5 })).type).toBe('Ok');
    await commandsAt(sim, (x) => x.kind === 'write', 2);
    // [0,127] × 0.5 = 63.5 → 64 (0x40), to motor 0xF1 and motor 0xF2.
    expect(writesTo(sim, 'tx')).toEqual([
      [0xf1, 0x40],
      [0xf2, 0x40],
    ]);
    expect((await c.request('StopDeviceCmd', { DeviceIndex: 0 })).type).toBe('Ok');
    expect(writesTo(sim, 'tx').slice(2)).toEqual([
      [0xf1, 0],
      [0xf2, 0],
    ]);
  });
});
