import { boolean, clientId, exactlyOne, i32, oneOf, string, struct, u32, type Check } from './checks.js';
import { INPUT_COMMANDS, INPUT_TYPES, type AnyMessage } from './messages.js';
import { OUTPUT_TYPE_TABLE, type OutputShape } from './output-types.js';

/** Checks for the fields of each message type a client may send, keyed by message name. */
export type MessageShapes = Record<string, Check<Record<string, unknown>>>;

const idOnly = struct({ Id: clientId });

/** The payload check of each output shape. */
const payloads: Record<OutputShape, Check<Record<string, unknown>>> = {
  value: struct({ Value: i32 }),
  valueWithDuration: struct({ Value: i32, Duration: u32 }),
};
/** OutputCmd `Command`: exactly one output kind, each with its shape's payload. */
const outputCommand = exactlyOne(
  Object.fromEntries(OUTPUT_TYPE_TABLE.map((row) => [row.name, payloads[row.shape]])),
);

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
    Command: outputCommand,
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
