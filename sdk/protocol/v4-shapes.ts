import { boolean, clientId, exactlyOne, i32, oneOf, string, struct, u32, type Check } from './checks.js';
import { INPUT_COMMANDS, INPUT_TYPES, type AnyMessage } from './messages.js';

/** Checks for the fields of each message type a client may send, keyed by message name. */
export type MessageShapes = Record<string, Check<Record<string, unknown>>>;

const idOnly = struct({ Id: clientId });
const value = struct({ Value: i32 });

/**
 * RequestServerInfo in any spec version's shape: v4 (ProtocolVersionMajor/Minor),
 * v1–v3 (MessageVersion) or v0 (neither). The version fields are checked by the handshake.
 */
export const requestServerInfoShape = struct(
  { Id: clientId, ClientName: string },
  { ProtocolVersionMajor: u32, ProtocolVersionMinor: u32, MessageVersion: u32 },
);

/** The spec v4 client messages. */
export const v4Shapes: MessageShapes = {
  RequestServerInfo: requestServerInfoShape,
  Ping: idOnly,
  StartScanning: idOnly,
  StopScanning: idOnly,
  RequestDeviceList: idOnly,
  OutputCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    FeatureIndex: u32,
    Command: exactlyOne({
      Vibrate: value,
      Rotate: value,
      Oscillate: value,
      Constrict: value,
      Temperature: value,
      Led: value,
      Position: value,
      Spray: value,
      HwPositionWithDuration: struct({ Value: i32, Duration: u32 }),
    }),
  }),
  InputCmd: struct({
    Id: clientId,
    DeviceIndex: u32,
    FeatureIndex: u32,
    Type: oneOf(INPUT_TYPES),
    Command: oneOf(INPUT_COMMANDS),
  }),
  StopCmd: struct(
    { Id: clientId },
    { DeviceIndex: u32, FeatureIndex: u32, Inputs: boolean, Outputs: boolean },
  ),
};

/** Turns a wire message `{Name: {...}}` body into plugkit's tagged form. */
export const tag = (type: string, fields: Record<string, unknown>): AnyMessage =>
  ({ type, ...fields }) as AnyMessage;
