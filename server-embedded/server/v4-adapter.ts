import {
  SYSTEM_ID,
  v4Shapes,
  type AnyMessage,
  type InputCmd,
  type OutputCmd,
  type StopCmd,
} from '../../sdk/protocol/index.js';
import type { SpecAdapter, SpecAdapterFactory } from './spec-adapter.js';

const ok = (Id: number): AnyMessage => ({ type: 'Ok', Id });

/** Spec v4: messages map one to one onto the core. */
export const v4Adapter: SpecAdapterFactory = (core): SpecAdapter => {
  // Suppress list events that announce nothing new (same set of indexes).
  let lastIndexes = Object.keys(core.devices()).join(',');
  return {
    version: 4,
    shapes: v4Shapes,
    serverInfo: (Id, server) => ({
      type: 'ServerInfo',
      Id,
      ProtocolVersionMajor: 4,
      ProtocolVersionMinor: 0,
      MaxPingTime: server.maxPingTime,
      ServerName: server.name,
    }),
    // Not async: an OutputCmd (the bulk of any session) is answered in the same turn, before the
    // toy is written to; only what waits for hardware returns a promise.
    handle(message, core) {
      const m = message as unknown as OutputCmd | InputCmd | StopCmd | { type: string; Id: number };
      switch (m.type) {
        case 'OutputCmd':
          core.output(m as OutputCmd);
          return ok(m.Id);
        case 'RequestDeviceList':
          return { type: 'DeviceList', Id: m.Id, Devices: core.devices() };
        case 'StartScanning':
          return core.startScanning().then(() => ok(m.Id));
        case 'StopScanning':
          return core.stopScanning().then(() => ok(m.Id));
        case 'InputCmd': {
          const cmd = m as InputCmd;
          return core.input(cmd).then((value): AnyMessage => {
            if (value === undefined) return ok(cmd.Id);
            return {
              type: 'InputReading',
              Id: cmd.Id,
              DeviceIndex: cmd.DeviceIndex,
              FeatureIndex: cmd.FeatureIndex,
              Reading: { [cmd.Type]: { Value: value } },
            };
          });
        }
        case 'StopCmd': {
          const { type: _t, Id, ...rest } = m as StopCmd;
          return core.stop(rest).then(() => ok(Id));
        }
        default:
          throw new Error(`v4 adapter got unexpected ${m.type}`);
      }
    },
    devicesChanged(core) {
      const devices = core.devices();
      const indexes = Object.keys(devices).join(',');
      if (indexes === lastIndexes) return [];
      lastIndexes = indexes;
      return [{ type: 'DeviceList', Id: SYSTEM_ID, Devices: devices }];
    },
    reading: (r) => [
      {
        type: 'InputReading',
        Id: SYSTEM_ID,
        DeviceIndex: r.deviceIndex,
        FeatureIndex: r.featureIndex,
        Reading: { [r.type]: { Value: r.value } },
      },
    ],
  };
};
