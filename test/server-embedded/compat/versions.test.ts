import { afterEach, describe, expect, it } from 'vitest';
import { legacyAdapter } from '../../../server-embedded/compat/index.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import { parseServeArgs, UsageError } from '../../../server-embedded/cli/args.js';
import { handshake, startServer, WireClient, type Running } from '../../support/wire-client.js';
import { probeSpec, probeUserConfig, withProbe } from '../../support/probe-device.js';

let running: Running | undefined;
let client: WireClient | undefined;
afterEach(async () => {
  await client?.close();
  await running?.stop();
  client = running = undefined;
});

const probeServer = (extra: Parameters<typeof startServer>[0] = {}) =>
  startServer({
    protocols: withProbe,
    userDeviceConfigTexts: [probeUserConfig()],
    simulate: [probeSpec()],
    ...extra,
  });

/** Connects at a version, scans, and returns the DeviceAdded event for the probe. */
async function connectAndScan(version: number | undefined): Promise<Record<string, unknown>> {
  client = await WireClient.connect(running!.url);
  await handshake(client, version);
  expect((await client.request('StartScanning')).type).toBe('Ok');
  return client.waitFor((m) => m.type === 'DeviceAdded', 'DeviceAdded');
}

describe('ServerInfo per spec version', () => {
  it('answers v0/v1 with Major/Minor/Build and v2/v3 with MessageVersion only, echoing the version', async () => {
    running = await startServer({ name: 'compat-srv', maxPingTime: 1500 });
    for (const version of [undefined, 1, 2, 3]) {
      client = await WireClient.connect(running.url);
      const info = await handshake(client, version);
      const v = version ?? 0;
      const expected =
        v <= 1
          ? {
              type: 'ServerInfo',
              Id: 1,
              MajorVersion: 0,
              MinorVersion: 0,
              BuildVersion: 0,
              MessageVersion: v,
              MaxPingTime: 1500,
              ServerName: 'compat-srv',
            }
          : { type: 'ServerInfo', Id: 1, MessageVersion: v, MaxPingTime: 1500, ServerName: 'compat-srv' };
      expect(info).toEqual(expected);
      expect(running.server.activeSession?.specVersion).toBe(v);
      await client.close();
      await running.server.activeSession?.ended;
    }
  });

  it('maxSpecVersion caps what is offered: a v3 client of a v2-capped server gets an E1 error, v2 works', async () => {
    running = await startServer({ maxSpecVersion: 2 });
    expect(running.server.specVersions).toEqual([0, 1, 2]);
    client = await WireClient.connect(running.url);
    const refused = await handshake(client, 3);
    expect(refused).toMatchObject({ type: 'Error', Id: 1, ErrorCode: 1 });
    expect(String(refused['ErrorMessage'])).toContain('up to v2');
    const v4 = await handshake(client, 4);
    expect(v4).toMatchObject({ type: 'Error', ErrorCode: 1 });
    const ok = await handshake(client, 2);
    expect(ok).toMatchObject({ type: 'ServerInfo', MessageVersion: 2 });
  });

  it('--max-spec-version is parsed for serve and bounded to 0..4', async () => {
    expect(parseServeArgs(['--max-spec-version', '1']).maxSpecVersion).toBe(1);
    expect(() => parseServeArgs(['--max-spec-version', '5'])).toThrow(UsageError);
    expect(parseServeArgs(['--allow-raw-messages']).allowRawMessages).toBe(true);
    expect(parseServeArgs([]).allowRawMessages).toBe(false);
    running = await startServer({
      maxSpecVersion: parseServeArgs(['--max-spec-version', '0']).maxSpecVersion!,
    });
    expect(running.server.specVersions).toEqual([0]);
    client = await WireClient.connect(running.url);
    expect(await handshake(client, 1)).toMatchObject({ type: 'Error', ErrorCode: 1 });
    expect(await handshake(client, undefined)).toMatchObject({ type: 'ServerInfo', MessageVersion: 0 });
  });

  it('a legacy version message is refused in another version (v3 session sends a v0 command)', async () => {
    running = await startServer();
    client = await WireClient.connect(running.url);
    await handshake(client, 3);
    const reply = await client.request('SingleMotorVibrateCmd', { DeviceIndex: 0, Speed: 0.5 });
    expect(reply).toMatchObject({ type: 'Error', ErrorCode: 3 });
  });
});

describe('device announcements per spec version', () => {
  const v3Messages = {
    ScalarCmd: [
      { FeatureDescriptor: 'Left motor', ActuatorType: 'Vibrate', StepCount: 20 },
      { FeatureDescriptor: '', ActuatorType: 'Rotate', StepCount: 20 },
      { FeatureDescriptor: '', ActuatorType: 'Constrict', StepCount: 5 },
      { FeatureDescriptor: '', ActuatorType: 'Oscillate', StepCount: 10 },
      { FeatureDescriptor: '', ActuatorType: 'Position', StepCount: 100 },
      { FeatureDescriptor: 'Right motor', ActuatorType: 'Vibrate', StepCount: 100 },
    ],
    RotateCmd: [{ FeatureDescriptor: '', ActuatorType: 'Rotate', StepCount: 20 }],
    LinearCmd: [{ FeatureDescriptor: '', ActuatorType: 'Position', StepCount: 100 }],
    SensorReadCmd: [
      { FeatureDescriptor: 'battery Level', SensorType: 'Battery', SensorRange: [[0, 100]] },
      { FeatureDescriptor: '', SensorType: 'RSSI', SensorRange: [[-128, 0]] },
    ],
    SensorSubscribeCmd: [{ FeatureDescriptor: '', SensorType: 'Pressure', SensorRange: [[0, 2000]] }],
    StopDeviceCmd: {},
  };

  it('v3: DeviceAdded and DeviceList carry the per-feature attribute arrays (no Temperature)', async () => {
    running = await probeServer();
    const added = await connectAndScan(3);
    expect(added).toEqual({
      type: 'DeviceAdded',
      Id: 0,
      DeviceName: 'Probe Toy',
      DeviceIndex: 0,
      DeviceMessageTimingGap: 0,
      DeviceMessages: v3Messages,
    });
    const list = await client!.request('RequestDeviceList');
    const { type: _t, Id: _i, ...entry } = added;
    expect(list).toEqual({ type: 'DeviceList', Id: list.Id, Devices: [entry] });
  });

  it('v2: generic commands with FeatureCount and StepCount, battery and RSSI', async () => {
    running = await probeServer();
    const added = await connectAndScan(2);
    expect(added).toEqual({
      type: 'DeviceAdded',
      Id: 0,
      DeviceName: 'Probe Toy',
      DeviceIndex: 0,
      DeviceMessages: {
        VibrateCmd: { FeatureCount: 2, StepCount: [20, 100] },
        RotateCmd: { FeatureCount: 1, StepCount: [20] },
        LinearCmd: { FeatureCount: 1, StepCount: [100] },
        BatteryLevelCmd: {},
        RSSILevelCmd: {},
        StopDeviceCmd: {},
      },
    });
  });

  it('v1: FeatureCount only, plus the device-specific commands plugkit converts', async () => {
    running = await probeServer();
    const added = await connectAndScan(1);
    expect(added['DeviceMessages']).toEqual({
      VibrateCmd: { FeatureCount: 2 },
      RotateCmd: { FeatureCount: 1 },
      LinearCmd: { FeatureCount: 1 },
      SingleMotorVibrateCmd: {},
      FleshlightLaunchFW12Cmd: {},
      KiirooCmd: {},
      VorzeA10CycloneCmd: {},
      StopDeviceCmd: {},
    });
  });

  it('v0: a sorted array of message names', async () => {
    running = await probeServer();
    const added = await connectAndScan(undefined);
    expect(added).toEqual({
      type: 'DeviceAdded',
      Id: 0,
      DeviceName: 'Probe Toy',
      DeviceIndex: 0,
      DeviceMessages: [
        'FleshlightLaunchFW12Cmd',
        'KiirooCmd',
        'SingleMotorVibrateCmd',
        'StopDeviceCmd',
        'VorzeA10CycloneCmd',
      ],
    });
    const list = await client!.request('RequestDeviceList');
    expect(list['Devices']).toEqual([
      { DeviceName: 'Probe Toy', DeviceIndex: 0, DeviceMessages: added['DeviceMessages'] },
    ]);
  });

  it('DeviceRemoved when a device drops; a device that comes back is announced again', async () => {
    running = await probeServer();
    await connectAndScan(3);
    // A scan that is still running ignores StartScanning (as in the reference); let it finish.
    await client!.waitFor((m) => m.type === 'ScanningFinished', 'ScanningFinished');
    const sim = running.server.simulated.devices[0]!;
    sim.drop();
    expect(await client!.waitFor((m) => m.type === 'DeviceRemoved', 'DeviceRemoved')).toEqual({
      type: 'DeviceRemoved',
      Id: 0,
      DeviceIndex: 0,
    });
    await client!.request('StartScanning');
    await client!.waitFor(
      (m) =>
        m.type === 'DeviceAdded' &&
        client!.received.indexOf(m) > client!.received.findIndex((x) => x.type === 'DeviceRemoved'),
    );
    expect(client!.received.filter((m) => m.type === 'DeviceAdded')).toHaveLength(2);
  });

  it('emits one event per difference when several devices changed at once (the reference emits only the first)', async () => {
    const server = await PlugkitServer.create({
      protocols: withProbe,
      userDeviceConfigTexts: [probeUserConfig()],
      simulate: [probeSpec(50, 'Probe'), probeSpec(50, 'Probe B'), 'Massage Demo'],
      log: 'off',
    });
    try {
      const adapter = legacyAdapter(3)(server.core, { emit: () => {} });
      await server.core.startScanning();
      for (let i = 0; i < 100 && server.manager.devices.size < 3; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(server.manager.devices.size).toBe(3);
      // All three arrived since the adapter was made: one DeviceAdded each, in index order.
      const added = adapter.devicesChanged(server.core);
      expect(added.map((m) => [m.type, m['DeviceIndex']])).toEqual([
        ['DeviceAdded', 0],
        ['DeviceAdded', 1],
        ['DeviceAdded', 2],
      ]);
      const [a, b] = server.simulated.devices;
      const indexOf = (name: string) =>
        [...server.manager.devices.values()].find((d) => d.hardware.name === name)!.index;
      const gone = [indexOf(a!.name), indexOf(b!.name)].sort();
      a!.drop();
      b!.drop();
      expect(adapter.devicesChanged(server.core)).toEqual(
        gone.map((i) => ({ type: 'DeviceRemoved', Id: 0, DeviceIndex: i })),
      );
      expect(adapter.devicesChanged(server.core)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
