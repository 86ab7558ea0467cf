/** Server events reshaped for a spec v0–v3 client: device list changes and sensor readings. */
import { SYSTEM_ID, type AnyMessage } from '../../sdk/protocol/index.js';
import type { SpecAdapter } from '../server/spec-adapter.js';
import { deviceAdded } from './attributes.js';
import type { LegacyClientState } from './client-state.js';

/** One DeviceRemoved/DeviceAdded per difference from what the client was told, removals first, each in index order. */
export function deviceChanges(c: LegacyClientState): AnyMessage[] {
  const current = new Map(c.core.listDevices().map((d) => [d.index, d]));
  const events: AnyMessage[] = [];
  for (const [index, d] of [...c.announced].sort((a, b) => a[0] - b[0]))
    if (current.get(index) !== d) {
      c.announced.delete(index);
      c.forget(d);
      events.push({ type: 'DeviceRemoved', Id: SYSTEM_ID, DeviceIndex: index });
    }
  for (const d of current.values())
    if (!c.announced.has(d.index)) {
      c.announced.set(d.index, d);
      events.push(deviceAdded(c.tableFor(d), c.version));
    }
  return events;
}

/** A subscribed input's reading as a v3 SensorReading (older versions have no such event). */
export function sensorReading(c: LegacyClientState, r: Parameters<SpecAdapter['reading']>[0]): AnyMessage[] {
  if (c.version !== 3) return [];
  const device = c.core.listDevices().find((d) => d.index === r.deviceIndex);
  if (!device) return [];
  const list = c.tableFor(device).sensorSubscribe;
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
}
