import { afterEach, describe, expect, it } from 'vitest';
import { readUserConfig } from '../../../server-embedded/devices/config/official-format.js';
import { handshake, startServer, WireClient, type Msg, type Running } from '../../support/wire-client.js';
import { PROBE_RSSI, probeEntry, probeLines, probeSpec, probeUserConfig, withProbe } from '../../support/probe-device.js';

let running: Running | undefined;
let client: WireClient | undefined;
afterEach(async () => {
  await client?.close();
  await running?.stop();
  client = running = undefined;
});

/** Starts a server with the probe toy(s), connects at `version`, scans, waits for the devices. */
async function setup(
  version: number | undefined,
  opts: { devices?: unknown[]; names?: string[]; allowRawMessages?: boolean } = {},
) {
  const names = opts.names ?? ['Probe'];
  running = await startServer({
    protocols: withProbe,
    userDeviceConfigTexts: [probeUserConfig(opts.devices)],
    simulate: names.map((n) => probeSpec(64, n)),
    ...(opts.allowRawMessages ? { allowRawMessages: true } : {}),
  });
  client = await WireClient.connect(running.url);
  await handshake(client, version);
  await client.request('StartScanning');
  for (let i = 0; i < names.length; i++)
    await client.waitFor(
      (m) =>
        m.type === 'DeviceAdded' &&
        client!.received.filter((x) => x.type === 'DeviceAdded').length >= names.length,
    );
  const sims = running.server.simulated.devices;
  const indexOf = (name: string) =>
    [...running!.server.manager.devices.values()].find((d) => d.hardware.name === name)!.index;
  return { c: client, sim: sims[0]!, sims, indexOf };
}

const lines = (sim: { writes: { endpoint: string; data: number[] }[] }) => probeLines(sim.writes);
const expectError = (reply: Msg, code: number, text?: string) => {
  expect(reply).toMatchObject({ type: 'Error', ErrorCode: code });
  if (text) expect(String(reply['ErrorMessage'])).toContain(text);
};

describe('v3 commands', () => {
  it('ScalarCmd resolves the advertised indexes, converts with ceil, and sends in feature order', async () => {
    const { c, sim } = await setup(3);
    const reply = await c.request('ScalarCmd', {
      DeviceIndex: 0,
      Scalars: [
        { Index: 5, Scalar: 0.07, ActuatorType: 'Vibrate' }, // f7 [0,100]: 100 × 0.07 = 7.000000000000001 → 8
        { Index: 0, Scalar: 0.5, ActuatorType: 'Vibrate' }, // f0 [0,20] → 10
        { Index: 2, Scalar: 1, ActuatorType: 'Constrict' }, // f2 → 5
        { Index: 3, Scalar: 0.31, ActuatorType: 'Oscillate' }, // f2: ceil(3.1) → 4
        { Index: 4, Scalar: 0.5, ActuatorType: 'Position' }, // f3 → 50
        { Index: 1, Scalar: 0.25, ActuatorType: 'Rotate' }, // f1 → 5
      ],
    });
    expect(reply).toEqual({ type: 'Ok', Id: reply.Id });
    expect(lines(sim)).toEqual([
      '0:Vibrate:10',
      '1:Rotate:5',
      '2:Constrict:5',
      '2:Oscillate:4',
      '3:Position:50',
      '7:Vibrate:8',
    ]);
  });

  it('checks the whole ScalarCmd before sending anything', async () => {
    const { c, sim } = await setup(3);
    const good = { Index: 0, Scalar: 0.5, ActuatorType: 'Vibrate' };
    expectError(
      await c.request('ScalarCmd', {
        DeviceIndex: 0,
        Scalars: [good, { Index: 6, Scalar: 0.5, ActuatorType: 'Vibrate' }],
      }),
      4,
      'Index 6',
    );
    expectError(
      await c.request('ScalarCmd', {
        DeviceIndex: 0,
        Scalars: [good, { Index: 1, Scalar: 0.5, ActuatorType: 'Vibrate' }],
      }),
      4,
      'is Rotate',
    );
    expectError(
      await c.request('ScalarCmd', {
        DeviceIndex: 0,
        Scalars: [good, { Index: 5, Scalar: 1.5, ActuatorType: 'Vibrate' }],
      }),
      4,
      'outside 0..1',
    );
    expectError(await c.request('ScalarCmd', { DeviceIndex: 0, Scalars: [good, good] }), 3, 'more than once');
    expectError(await c.request('ScalarCmd', { DeviceIndex: 9, Scalars: [good] }), 4, 'No device at index 9');
    expect(lines(sim)).toEqual([]);
  });

  it('VibrateCmd counts vibrators only; Index == count is a count mismatch error, not a dropped reply', async () => {
    const { c, sim } = await setup(3);
    expect(
      (
        await c.request('VibrateCmd', {
          DeviceIndex: 0,
          Speeds: [
            { Index: 1, Speed: 0.5 },
            { Index: 0, Speed: 1 },
          ],
        })
      ).type,
    ).toBe('Ok');
    expect(lines(sim)).toEqual(['0:Vibrate:20', '7:Vibrate:50']);
    expectError(
      await c.request('VibrateCmd', { DeviceIndex: 0, Speeds: [{ Index: 2, Speed: 0.5 }] }),
      4,
      'Index 2 does not exist',
    );
    expectError(await c.request('VibrateCmd', { DeviceIndex: 0, Speeds: [{ Index: 0, Speed: 1.5 }] }), 3);
  });

  it('RotateCmd signs by direction; LinearCmd truncates', async () => {
    const { c, sim } = await setup(3);
    expect(
      (
        await c.request('RotateCmd', {
          DeviceIndex: 0,
          Rotations: [{ Index: 0, Speed: 1, Clockwise: false }],
        })
      ).type,
    ).toBe('Ok');
    expect(
      (
        await c.request('LinearCmd', {
          DeviceIndex: 0,
          Vectors: [{ Index: 0, Duration: 500, Position: 0.519 }],
        })
      ).type,
    ).toBe('Ok');
    expect(lines(sim)).toEqual(['1:Rotate:-20', '3:HwPositionWithDuration:51@500']);
    expectError(
      await c.request('LinearCmd', { DeviceIndex: 0, Vectors: [{ Index: 1, Duration: 500, Position: 0.5 }] }),
      4,
    );
  });

  it('SensorReadCmd reads battery and RSSI by the advertised sensor index', async () => {
    const { c } = await setup(3);
    expect(
      await c.request('SensorReadCmd', { DeviceIndex: 0, SensorIndex: 0, SensorType: 'Battery' }),
    ).toMatchObject({
      type: 'SensorReading',
      DeviceIndex: 0,
      SensorIndex: 0,
      SensorType: 'Battery',
      Data: [64],
    });
    expect(
      await c.request('SensorReadCmd', { DeviceIndex: 0, SensorIndex: 1, SensorType: 'RSSI' }),
    ).toMatchObject({ Data: [PROBE_RSSI] });
    expectError(
      await c.request('SensorReadCmd', { DeviceIndex: 0, SensorIndex: 0, SensorType: 'RSSI' }),
      4,
      'is Battery',
    );
    expectError(
      await c.request('SensorReadCmd', { DeviceIndex: 0, SensorIndex: 2, SensorType: 'Battery' }),
      4,
      'SensorIndex 2',
    );
  });

  it('SensorSubscribeCmd streams SensorReading events (Id 0) until SensorUnsubscribeCmd', async () => {
    const { c, sim } = await setup(3);
    expect(
      (await c.request('SensorSubscribeCmd', { DeviceIndex: 0, SensorIndex: 0, SensorType: 'Pressure' }))
        .type,
    ).toBe('Ok');
    expect(sim.notify('rx', [1, 2])).toBe(true);
    expect(await c.waitFor((m) => m.type === 'SensorReading' && m.Id === 0, 'a SensorReading event')).toEqual(
      {
        type: 'SensorReading',
        Id: 0,
        DeviceIndex: 0,
        SensorIndex: 0,
        SensorType: 'Pressure',
        Data: [258],
      },
    );
    expect(
      (await c.request('SensorUnsubscribeCmd', { DeviceIndex: 0, SensorIndex: 0, SensorType: 'Pressure' }))
        .type,
    ).toBe('Ok');
    expect(sim.commands.filter((x) => x.kind !== 'write' && x.kind !== 'read')).toEqual([
      { kind: 'subscribe', endpoint: 'rx' },
      { kind: 'unsubscribe', endpoint: 'rx' },
    ]);
    expect(sim.notify('rx', [0, 3])).toBe(false);
    expectError(
      await c.request('SensorSubscribeCmd', { DeviceIndex: 0, SensorIndex: 0, SensorType: 'Battery' }),
      4,
    );
  });

  it('StopDeviceCmd stops that device only; StopAllDevices stops all', async () => {
    const { c, sims, indexOf } = await setup(3, { names: ['Probe', 'Probe B'] });
    const [a, b] = [indexOf('Probe'), indexOf('Probe B')];
    for (const i of [a, b])
      await c.request('VibrateCmd', { DeviceIndex: i, Speeds: [{ Index: 0, Speed: 0.5 }] });
    const before = lines(sims[1]!).length;
    expect((await c.request('StopDeviceCmd', { DeviceIndex: a })).type).toBe('Ok');
    expect(lines(sims[0]!)).toContain('0:Vibrate:0');
    expect(lines(sims[1]!)).toHaveLength(before);
    expect((await c.request('StopAllDevices')).type).toBe('Ok');
    expect(lines(sims[1]!).slice(before)).toContain('0:Vibrate:0');
  });
});

describe('v2 and v1 commands', () => {
  it('v2 BatteryLevelCmd answers 0..1 and RSSILevelCmd the RSSI reading', async () => {
    const { c } = await setup(2);
    expect(await c.request('BatteryLevelCmd', { DeviceIndex: 0 })).toMatchObject({
      type: 'BatteryLevelReading',
      DeviceIndex: 0,
      BatteryLevel: 0.64,
    });
    expect(await c.request('RSSILevelCmd', { DeviceIndex: 0 })).toMatchObject({
      type: 'RSSILevelReading',
      DeviceIndex: 0,
      RSSILevel: PROBE_RSSI,
    });
  });

  it('v2 RSSILevelCmd and BatteryLevelCmd on a toy without those inputs are clear E4 errors', async () => {
    running = await startServer({ simulate: ['Massage Demo'] });
    client = await WireClient.connect(running.url);
    await handshake(client, 2);
    await client.request('StartScanning');
    await client.waitFor((m) => m.type === 'DeviceAdded');
    expectError(await client.request('RSSILevelCmd', { DeviceIndex: 0 }), 4, 'signal strength');
    expectError(await client.request('BatteryLevelCmd', { DeviceIndex: 0 }), 4, 'battery');
  });

  it('v1 VorzeA10CycloneCmd drives the two-way rotator; KiirooCmd moves the stroker; LovenseCmd needs a Lovense', async () => {
    const { c, sim } = await setup(1);
    expect(
      (await c.request('VorzeA10CycloneCmd', { DeviceIndex: 0, Speed: 10, Clockwise: false })).type,
    ).toBe('Ok');
    expect((await c.request('KiirooCmd', { DeviceIndex: 0, Command: '2' })).type).toBe('Ok');
    // 10 of 99 on a 20-step rotator: ceil(200 / 99) = 3; Kiiroo 2 of 4 on 100 steps = 50, first stroke 500 ms.
    expect(lines(sim)).toEqual(['1:Rotate:-3', '3:HwPositionWithDuration:50@500']);
    expectError(await c.request('KiirooCmd', { DeviceIndex: 0, Command: '7' }), 3, '"0".."4"');
    expectError(
      await c.request('LovenseCmd', { DeviceIndex: 0, Command: 'Vibrate:5;' }),
      4,
      'needs a Lovense toy',
    );
    expect((await c.request('SingleMotorVibrateCmd', { DeviceIndex: 0, Speed: 0.5 })).type).toBe('Ok');
    expect(lines(sim).slice(2)).toEqual(['0:Vibrate:10', '7:Vibrate:50']);
  });

  it('v0/v1 Test echoes and RequestLog is accepted', async () => {
    const { c } = await setup(undefined);
    expect(await c.request('Test', { TestString: 'hello' })).toMatchObject({
      type: 'Test',
      TestString: 'hello',
    });
    expectError(await c.request('Test', { TestString: 'Error' }), 3);
    expect((await c.request('RequestLog', { LogLevel: 'Debug' })).type).toBe('Ok');
  });
});

describe('raw messages', () => {
  it('are refused with a clear E4 unless allowed', async () => {
    const { c, sim } = await setup(3);
    const reply = await c.request('RawWriteCmd', {
      DeviceIndex: 0,
      Endpoint: 'tx',
      Data: [1, 2],
      WriteWithResponse: false,
    });
    expectError(reply, 4, 'allow_raw');
    expectError(
      await c.request('RawSubscribeCmd', { DeviceIndex: 0, Endpoint: 'rx' }),
      4,
      'raw access is off',
    );
    expect(sim.writes).toEqual([]);
  });

  it('work for a device with allow_raw in the user config: write through the queue, read, subscribe', async () => {
    const { c, sim } = await setup(3, { devices: [probeEntry('sim-probe', { allow_raw: true })] });
    const added = c.received.find((m) => m.type === 'DeviceAdded')!;
    const endpoints = { Endpoints: ['tx', 'rx', 'rxblebattery'] };
    expect(added['DeviceMessages']).toMatchObject({
      RawReadCmd: endpoints,
      RawWriteCmd: endpoints,
      RawSubscribeCmd: endpoints,
    });
    expect(
      (
        await c.request('RawWriteCmd', {
          DeviceIndex: 0,
          Endpoint: 'tx',
          Data: [1, 2, 3],
          WriteWithResponse: true,
        })
      ).type,
    ).toBe('Ok');
    expect(sim.writes).toEqual([{ kind: 'write', endpoint: 'tx', data: [1, 2, 3], withResponse: true }]);
    expect(
      await c.request('RawReadCmd', {
        DeviceIndex: 0,
        Endpoint: 'rxblebattery',
        Length: 1,
        WaitForData: false,
      }),
    ).toMatchObject({
      type: 'RawReading',
      DeviceIndex: 0,
      Endpoint: 'rxblebattery',
      Data: [64],
    });
    expect((await c.request('RawSubscribeCmd', { DeviceIndex: 0, Endpoint: 'rx' })).type).toBe('Ok');
    sim.notify('rx', [9, 8]);
    expect(await c.waitFor((m) => m.type === 'RawReading' && m.Id === 0)).toEqual({
      type: 'RawReading',
      Id: 0,
      DeviceIndex: 0,
      Endpoint: 'rx',
      Data: [9, 8],
    });
    expect((await c.request('RawUnsubscribeCmd', { DeviceIndex: 0, Endpoint: 'rx' })).type).toBe('Ok');
    expect(sim.notify('rx', [7])).toBe(false);
    expectError(
      await c.request('RawWriteCmd', {
        DeviceIndex: 0,
        Endpoint: 'nope',
        Data: [1],
        WriteWithResponse: false,
      }),
      4,
      'no endpoint "nope"',
    );
  });

  it('the allowRawMessages server option opens every device; v2 lists RawUnsubscribeCmd too', async () => {
    const { c, sim } = await setup(2, { allowRawMessages: true });
    const added = c.received.find((m) => m.type === 'DeviceAdded')!;
    expect(Object.keys(added['DeviceMessages'] as object)).toEqual(
      expect.arrayContaining(['RawReadCmd', 'RawWriteCmd', 'RawSubscribeCmd', 'RawUnsubscribeCmd']),
    );
    expect(
      (
        await c.request('RawWriteCmd', {
          DeviceIndex: 0,
          Endpoint: 'tx',
          Data: [5],
          WriteWithResponse: false,
        })
      ).type,
    ).toBe('Ok');
    expect(sim.writes.map((w) => w.data)).toEqual([[5]]);
  });

  it('a raw subscription ends with the session', async () => {
    const { c, sim } = await setup(3, { allowRawMessages: true });
    await c.request('RawSubscribeCmd', { DeviceIndex: 0, Endpoint: 'rx' });
    await c.close();
    await running!.server.activeSession?.ended;
    await running!.server.manager.devices.get(0)!.flush();
    expect(sim.commands.filter((x) => x.kind === 'unsubscribe')).toEqual([
      { kind: 'unsubscribe', endpoint: 'rx' },
    ]);
  });

  it('allow_raw in a user config must be a boolean (a bad entry is skipped with a warning)', () => {
    const warnings: string[] = [];
    const parsed = readUserConfig(
      probeUserConfig([probeEntry('a', { allow_raw: 'yes' }), probeEntry('b', { allow_raw: true })]),
      'u.json',
      (w) => warnings.push(w),
    );
    expect(parsed.devices.map((d) => [d.address, d.allowRaw])).toEqual([['b', true]]);
    expect(warnings.join()).toContain('allow_raw');
  });
});
