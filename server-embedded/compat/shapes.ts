/**
 * Client message shapes of spec v0–v3, as data built from the sdk's check combinators (the
 * same way v4-shapes.ts describes v4). Field ranges follow the official message schema; value
 * problems the reference answers with a device error (e.g. a ScalarCmd Scalar outside 0..1)
 * are left to the handlers so they get that error rather than a message error.
 */
import {
  arrayOf,
  boolean,
  clientId,
  integer,
  number,
  oneOf,
  requestServerInfoShape,
  string,
  struct,
  u32,
  unit,
  type MessageShapes,
} from '../../sdk/protocol/index.js';

const idOnly = struct({ Id: clientId });
const deviceOnly = struct({ Id: clientId, DeviceIndex: u32 });
const u32Number = number(0, 4294967295);

/** Log levels of RequestLog (v0–v2). */
export const LOG_LEVELS = ['Off', 'Fatal', 'Error', 'Warn', 'Info', 'Debug', 'Trace'] as const;

/** Messages every legacy version shares. */
const common = {
  RequestServerInfo: requestServerInfoShape,
  Ping: idOnly,
  StartScanning: idOnly,
  StopScanning: idOnly,
  RequestDeviceList: idOnly,
  StopDeviceCmd: deviceOnly,
  StopAllDevices: idOnly,
} satisfies MessageShapes;

/** v0's device-specific commands (v1 still accepts them). */
const v0Specific = {
  SingleMotorVibrateCmd: struct({ Id: clientId, DeviceIndex: u32, Speed: unit }),
  FleshlightLaunchFW12Cmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    Position: integer(0, 99),
    Speed: integer(0, 99),
  }),
  KiirooCmd: struct({ Id: clientId, DeviceIndex: u32, Command: string }),
  LovenseCmd: struct({ Id: clientId, DeviceIndex: u32, Command: string }),
  // The schema allows 100 although the Cyclone's documented range is 0–99; both are accepted.
  VorzeA10CycloneCmd: struct({ Id: clientId, DeviceIndex: u32, Speed: integer(0, 100), Clockwise: boolean }),
  RequestLog: struct({ Id: clientId, LogLevel: oneOf(LOG_LEVELS) }),
  Test: struct({ Id: clientId, TestString: string }),
} satisfies MessageShapes;

/** The generic commands introduced by v1. */
const generic = {
  VibrateCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    Speeds: arrayOf(struct({ Index: u32, Speed: unit }), 1),
  }),
  RotateCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    Rotations: arrayOf(struct({ Index: u32, Speed: unit, Clockwise: boolean }), 1),
  }),
  LinearCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    // Duration is "number" in the schema; fractions are truncated to whole milliseconds.
    Vectors: arrayOf(struct({ Index: u32, Duration: u32Number, Position: unit }), 1),
  }),
} satisfies MessageShapes;

const endpointCmd = struct({ Id: clientId, DeviceIndex: u32, Endpoint: string });

/** Raw endpoint access (v2, v3); refused unless allowed for the device. */
const raw = {
  RawWriteCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    Endpoint: string,
    Data: arrayOf(integer(0, 255), 1),
    WriteWithResponse: boolean,
  }),
  RawReadCmd: struct({ Id: clientId, DeviceIndex: u32, Endpoint: string, Length: u32, WaitForData: boolean }),
  RawSubscribeCmd: endpointCmd,
  RawUnsubscribeCmd: endpointCmd,
} satisfies MessageShapes;

const sensorCmd = struct({ Id: clientId, DeviceIndex: u32, SensorIndex: u32, SensorType: string });

/** Battery and signal strength, v2 only. */
const v2Sensors = {
  BatteryLevelCmd: deviceOnly,
  RSSILevelCmd: deviceOnly,
} satisfies MessageShapes;

/** The generic scalar and sensor commands of v3. */
const v3Generic = {
  ScalarCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    // Scalar and ActuatorType are checked against the device's attribute table by the handler.
    Scalars: arrayOf(
      struct({ Index: u32, Scalar: number(-Number.MAX_VALUE, Number.MAX_VALUE), ActuatorType: string }),
      1,
    ),
  }),
  SensorReadCmd: sensorCmd,
  SensorSubscribeCmd: sensorCmd,
  SensorUnsubscribeCmd: sensorCmd,
} satisfies MessageShapes;

/** Spec v0 client messages. */
export const v0Shapes: MessageShapes = { ...common, ...v0Specific };

/** Spec v1 client messages. */
export const v1Shapes: MessageShapes = { ...common, ...v0Specific, ...generic };

/** Spec v2 client messages. */
export const v2Shapes: MessageShapes = {
  ...common,
  ...generic,
  ...v2Sensors,
  RequestLog: v0Specific.RequestLog,
  ...raw,
};

/** Spec v3 client messages (VibrateCmd is still accepted, as the reference does). */
export const v3Shapes: MessageShapes = { ...common, ...generic, ...v3Generic, ...raw };

/** Every legacy client message, over all versions (which version allows which is above). */
const _allShapes = { ...common, ...v0Specific, ...generic, ...v2Sensors, ...v3Generic, ...raw };

/** The name of a message some spec v0–v3 client may send. */
export type LegacyMessageName = keyof typeof _allShapes;

/** A validated legacy message of one kind, typed by the same shape that checked it. */
export type LegacyMessage<K extends LegacyMessageName> = { type: K } & ReturnType<(typeof _allShapes)[K]>;

/** Client message shapes by legacy spec version. */
export const legacyShapes: ReadonlyMap<number, MessageShapes> = new Map([
  [0, v0Shapes],
  [1, v1Shapes],
  [2, v2Shapes],
  [3, v3Shapes],
]);
