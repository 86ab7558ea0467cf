/** Sensor messages: v3's SensorReadCmd/SensorSubscribeCmd/SensorUnsubscribeCmd, v2's battery and RSSI. */
import { PlugkitError, type InputCommandType } from '../../../sdk/protocol/index.js';
import { firstSensor, type DeviceTable, type SensorEntry } from '../attributes.js';
import { ok, type LegacyClientState } from '../client-state.js';
import type { LegacyMessage } from '../shapes.js';
import type { LegacyHandlers } from './types.js';

const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);

type SensorMessage = LegacyMessage<'SensorReadCmd' | 'SensorSubscribeCmd' | 'SensorUnsubscribeCmd'>;

/** The entry a v3 sensor message addresses, checked against its SensorType. */
function sensor(t: DeviceTable, list: SensorEntry[], m: SensorMessage, what: string): SensorEntry {
  const index = m.SensorIndex;
  const e = list[index];
  if (!e)
    throw deviceError(
      'DeviceFeatureIndexError',
      `${t.name} has ${list.length} ${what} sensor(s)${list.length ? ` (indexes 0..${list.length - 1})` : ''}; SensorIndex ${index} does not exist.`,
    );
  if (e.sensorType !== m.SensorType)
    throw deviceError(
      'MessageNotSupported',
      `Sensor ${index} of ${t.name} is ${e.sensorType}, not ${m.SensorType}.`,
    );
  return e;
}

const input = (c: LegacyClientState, t: DeviceTable, e: SensorEntry, command: InputCommandType) =>
  c.core.input({
    DeviceIndex: t.device.index,
    FeatureIndex: e.featureIndex,
    Type: e.input,
    Command: command,
  });

async function subscription(m: SensorMessage, c: LegacyClientState, command: InputCommandType) {
  const t = c.table(m.DeviceIndex);
  await input(c, t, sensor(t, t.sensorSubscribe, m, 'subscribable'), command);
  return ok(m.Id);
}

export const sensorHandlers: LegacyHandlers<
  'SensorReadCmd' | 'SensorSubscribeCmd' | 'SensorUnsubscribeCmd' | 'BatteryLevelCmd' | 'RSSILevelCmd'
> = {
  async SensorReadCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    const e = sensor(t, t.sensorRead, m, 'readable');
    const v = await input(c, t, e, 'Read');
    return {
      type: 'SensorReading',
      Id: m.Id,
      DeviceIndex: t.device.index,
      SensorIndex: m.SensorIndex,
      SensorType: e.sensorType,
      Data: [v ?? 0],
    };
  },
  SensorSubscribeCmd: (m, c) => subscription(m, c, 'Subscribe'),
  SensorUnsubscribeCmd: (m, c) => subscription(m, c, 'Unsubscribe'),
  async BatteryLevelCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    const e = firstSensor(t, 'Battery');
    if (!e) throw deviceError('DeviceConfigurationError', `${t.name} reports no battery level.`);
    const v = (await input(c, t, e, 'Read')) ?? 0;
    const max = e.ranges[0]?.[1] || 100;
    return {
      type: 'BatteryLevelReading',
      Id: m.Id,
      DeviceIndex: t.device.index,
      BatteryLevel: Math.min(1, Math.max(0, v / max)),
    };
  },
  async RSSILevelCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    const e = firstSensor(t, 'Rssi');
    if (!e)
      throw deviceError(
        'MessageNotSupported',
        `${t.name} cannot report its signal strength (no RSSI input).`,
      );
    return {
      type: 'RSSILevelReading',
      Id: m.Id,
      DeviceIndex: t.device.index,
      RSSILevel: (await input(c, t, e, 'Read')) ?? 0,
    };
  },
};
