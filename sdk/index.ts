/**
 * plugkit — the client package: connect to a Buttplug server (embedded or over WebSocket),
 * watch devices as observables, drive their outputs and read their inputs.
 * @packageDocumentation
 */
export * from './protocol/index.js';
export * from './clock/index.js';
export type {
  MessagePassing,
  Transport,
  TransportConnection,
  TransportConnectOptions,
} from './transport/types.js';
export { createPipe, createDuplex, type DuplexEnd, type PipeEnd } from './transport/pair.js';
export {
  websocketTransport,
  type WebSocketTransportOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport/websocket.js';
export { MessageChannel, DEFAULT_REQUEST_TIMEOUT_MS } from './client/message-channel.js';
export { connect, type ConnectOptions } from './client/connect.js';
export { PlugkitClient, type ConnectionState } from './client/client.js';
export { Device, type Feature } from './client/device.js';
export { Output } from './client/output.js';
export { Input, DEFAULT_POLL_INTERVAL_MS } from './client/input.js';
export { DEFAULT_RECONNECT, type ReconnectOptions } from './client/reconnect.js';
export type { Codec, Outgoing } from './client/codec.js';
export type {
  DeviceDescription,
  FeatureDescription,
  OutputDescription,
  InputDescription,
  OutputValue,
  Reading,
  LegacyOutputRoute,
  LegacySensorRoute,
} from './client/model.js';
export * from './haptics/index.js';
export * from './haptics/funscript/index.js';
export * from './haptics/sync/index.js';
