/**
 * The session adapter for spec v0–v3 clients: their messages become core (v4) operations and
 * server events are reshaped for them. One adapter per session holds that client's view of the
 * devices (one attribute table per device), its raw subscriptions and its Kiiroo timing.
 */
import { PlugkitError, SYSTEM_ID, type AnyMessage, type InputCommandType } from '../../sdk/protocol/index.js';
import type { ServerDevice } from '../devices/device.js';
import { ascii, write } from '../protocols/types.js';
import type { ServerCore } from '../server/core.js';
import type { AdapterSession, SpecAdapter, SpecAdapterFactory } from '../server/spec-adapter.js';
import {
  buildTable,
  deviceAdded,
  deviceEntry,
  firstSensor,
  type DeviceTable,
  type SensorEntry,
} from './attributes.js';
import {
  byFeature,
  planFleshlight,
  planKiiroo,
  planLinear,
  planRotate,
  planScalar,
  planSingleMotor,
  planVibrate,
  planVorze,
  type PlannedOutput,
} from './commands.js';
import { RawAccess } from './raw.js';
import { legacyShapes } from './shapes.js';

const ok = (Id: number): AnyMessage => ({ type: 'Ok', Id });
const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);

/** A LovenseCmd is one short printable-ASCII command ending in ';' (e.g. "Vibrate:5;"). */
const LOVENSE_COMMAND = /^[\x20-\x3a\x3c-\x7e]{1,63};$/;

/** Builds the adapter factory for one legacy spec version (0–3). */
export function legacyAdapter(version: 0 | 1 | 2 | 3): SpecAdapterFactory {
  const shapes = legacyShapes.get(version)!;
  return (core: ServerCore, session: AdapterSession): SpecAdapter => {
    const tables = new WeakMap<ServerDevice, DeviceTable>();
    /** The devices this client has been told about, by index. */
    const announced = new Map<number, ServerDevice>(core.manager.devices);
    const lastKiiroo = new Map<ServerDevice, number>();
    const raw = new RawAccess(session);

    const tableFor = (device: ServerDevice): DeviceTable => {
      let t = tables.get(device);
      if (!t) tables.set(device, (t = buildTable(device, core.rawAllowed(device))));
      return t;
    };
    const table = (m: AnyMessage): DeviceTable => tableFor(core.device(m['DeviceIndex'] as number));

    const run = async (t: DeviceTable, plan: PlannedOutput[], Id: number): Promise<AnyMessage> => {
      for (const p of byFeature(plan))
        await core.output({ DeviceIndex: t.device.index, FeatureIndex: p.featureIndex, Command: p.command });
      return ok(Id);
    };

    const drive = (m: AnyMessage, plan: (t: DeviceTable) => PlannedOutput[]): Promise<AnyMessage> => {
      const t = table(m);
      return run(t, plan(t), m.Id);
    };

    const sensor = (t: DeviceTable, list: SensorEntry[], m: AnyMessage, what: string): SensorEntry => {
      const index = m['SensorIndex'] as number;
      const e = list[index];
      if (!e)
        throw deviceError(
          'DeviceFeatureIndexError',
          `${t.device.name} has ${list.length} ${what} sensor(s)${list.length ? ` (indexes 0..${list.length - 1})` : ''}; SensorIndex ${index} does not exist.`,
        );
      if (e.sensorType !== m['SensorType'])
        throw deviceError(
          'MessageNotSupported',
          `Sensor ${index} of ${t.device.name} is ${e.sensorType}, not ${String(m['SensorType'])}.`,
        );
      return e;
    };
    const input = (t: DeviceTable, e: SensorEntry, command: InputCommandType) =>
      core.input({
        DeviceIndex: t.device.index,
        FeatureIndex: e.featureIndex,
        Type: e.input,
        Command: command,
      });

    const handle = async (m: AnyMessage): Promise<AnyMessage> => {
      switch (m.type) {
        case 'StartScanning':
          await core.startScanning();
          return ok(m.Id);
        case 'StopScanning':
          await core.stopScanning();
          return ok(m.Id);
        case 'RequestDeviceList': {
          const devices = [...core.manager.devices.values()].sort((a, b) => a.index - b.index);
          announced.clear();
          for (const d of devices) announced.set(d.index, d);
          return {
            type: 'DeviceList',
            Id: m.Id,
            Devices: devices.map((d) => deviceEntry(tableFor(d), version)),
          };
        }
        case 'StopDeviceCmd':
          await core.stop({ DeviceIndex: m['DeviceIndex'] as number });
          return ok(m.Id);
        case 'StopAllDevices':
          await core.stop({});
          return ok(m.Id);
        case 'ScalarCmd':
          return drive(m, (t) => planScalar(t, m['Scalars'] as never));
        case 'VibrateCmd':
          return drive(m, (t) => planVibrate(t, m['Speeds'] as never));
        case 'SingleMotorVibrateCmd':
          return drive(m, (t) => planSingleMotor(t, m['Speed'] as number));
        case 'RotateCmd':
          return drive(m, (t) => planRotate(t, m['Rotations'] as never));
        case 'LinearCmd':
          return drive(m, (t) => planLinear(t, m['Vectors'] as never));
        case 'FleshlightLaunchFW12Cmd':
          return drive(m, (t) => planFleshlight(t, m['Position'] as number, m['Speed'] as number));
        case 'VorzeA10CycloneCmd':
          return drive(m, (t) => planVorze(t, m['Speed'] as number, m['Clockwise'] as boolean));
        case 'KiirooCmd': {
          const t = table(m);
          const now = core.clock.now();
          const last = lastKiiroo.get(t.device);
          const plan = planKiiroo(t, m['Command'] as string, last === undefined ? undefined : now - last);
          lastKiiroo.set(t.device, now);
          return run(t, plan, m.Id);
        }
        case 'LovenseCmd': {
          const t = table(m);
          const command = m['Command'] as string;
          if (!t.lovense)
            throw deviceError(
              'MessageNotSupported',
              `LovenseCmd needs a Lovense toy; ${t.device.name} speaks ${t.device.resolved.protocol}.`,
            );
          if (!LOVENSE_COMMAND.test(command))
            throw new PlugkitError(
              'ERROR_MSG',
              'InvalidMessageContents',
              `LovenseCmd Command must be one printable-ASCII command ending in ";" (e.g. "Vibrate:5;"), got ${JSON.stringify(command)}.`,
            );
          await t.device.sendRaw([write('tx', ascii(command))]);
          return ok(m.Id);
        }
        case 'SensorReadCmd': {
          const t = table(m);
          const e = sensor(t, t.sensorRead, m, 'readable');
          const v = await input(t, e, 'Read');
          return {
            type: 'SensorReading',
            Id: m.Id,
            DeviceIndex: t.device.index,
            SensorIndex: m['SensorIndex'],
            SensorType: e.sensorType,
            Data: [v ?? 0],
          };
        }
        case 'SensorSubscribeCmd':
        case 'SensorUnsubscribeCmd': {
          const t = table(m);
          const e = sensor(t, t.sensorSubscribe, m, 'subscribable');
          await input(t, e, m.type === 'SensorSubscribeCmd' ? 'Subscribe' : 'Unsubscribe');
          return ok(m.Id);
        }
        case 'BatteryLevelCmd': {
          const t = table(m);
          const e = firstSensor(t, 'Battery');
          if (!e) throw deviceError('DeviceConfigurationError', `${t.device.name} reports no battery level.`);
          const v = (await input(t, e, 'Read')) ?? 0;
          const max = e.ranges[0]?.[1] || 100;
          return {
            type: 'BatteryLevelReading',
            Id: m.Id,
            DeviceIndex: t.device.index,
            BatteryLevel: Math.min(1, Math.max(0, v / max)),
          };
        }
        case 'RSSILevelCmd': {
          const t = table(m);
          const e = firstSensor(t, 'Rssi');
          if (!e)
            throw deviceError(
              'MessageNotSupported',
              `${t.device.name} cannot report its signal strength (no RSSI input).`,
            );
          return {
            type: 'RSSILevelReading',
            Id: m.Id,
            DeviceIndex: t.device.index,
            RSSILevel: (await input(t, e, 'Read')) ?? 0,
          };
        }
        case 'RawWriteCmd':
        case 'RawReadCmd':
        case 'RawSubscribeCmd':
        case 'RawUnsubscribeCmd':
          return raw.handle(table(m), m.type, m as never);
        case 'RequestLog':
          // plugkit does not stream its log to clients; the request is accepted and has no effect.
          return ok(m.Id);
        case 'Test':
          if (m['TestString'] === 'Error')
            throw new PlugkitError(
              'ERROR_MSG',
              'InvalidMessageContents',
              'Test asked for an error (TestString "Error").',
            );
          return { type: 'Test', Id: m.Id, TestString: m['TestString'] };
        default:
          throw new Error(`spec v${version} adapter got unexpected ${m.type}`);
      }
    };

    return {
      version,
      shapes,
      serverInfo: (Id, server) =>
        version <= 1
          ? {
              type: 'ServerInfo',
              Id,
              MajorVersion: 0,
              MinorVersion: 0,
              BuildVersion: 0,
              MessageVersion: version,
              MaxPingTime: server.maxPingTime,
              ServerName: server.name,
            }
          : {
              type: 'ServerInfo',
              Id,
              MessageVersion: version,
              MaxPingTime: server.maxPingTime,
              ServerName: server.name,
            },
      handle: (message) => handle(message),
      // One event per difference, removals first, each in index order.
      devicesChanged(core) {
        const current = core.manager.devices;
        const events: AnyMessage[] = [];
        for (const [index, d] of [...announced].sort((a, b) => a[0] - b[0]))
          if (current.get(index) !== d) {
            announced.delete(index);
            raw.forget(d);
            lastKiiroo.delete(d);
            events.push({ type: 'DeviceRemoved', Id: SYSTEM_ID, DeviceIndex: index });
          }
        for (const d of [...current.values()].sort((a, b) => a.index - b.index))
          if (!announced.has(d.index)) {
            announced.set(d.index, d);
            events.push(deviceAdded(tableFor(d), version));
          }
        return events;
      },
      reading(r) {
        if (version !== 3) return [];
        const device = core.manager.devices.get(r.deviceIndex);
        if (!device) return [];
        const list = tableFor(device).sensorSubscribe;
        const index = list.findIndex((e) => e.featureIndex === r.featureIndex && e.input === r.type);
        if (index < 0) return [];
        return [
          {
            type: 'SensorReading',
            Id: SYSTEM_ID,
            DeviceIndex: r.deviceIndex,
            SensorIndex: index,
            SensorType: list[index]!.sensorType,
            Data: [r.value],
          },
        ];
      },
      close: () => raw.close(),
    };
  };
}
