/**
 * plugkit/server — the embedded Buttplug server (Node).
 * @packageDocumentation
 */
export { PlugkitServer, type ServerOptions } from './server/server.js';
export { ServerSession, type ServerConnection } from './server/session.js';
export type { SpecAdapter, SpecAdapterFactory } from './server/spec-adapter.js';
export {
  listenWebSocket,
  type WebSocketListener,
  type WebSocketListenOptions,
} from './transport/websocket-server.js';
export { inProcessTransport } from './transport/in-process.js';
export { embedded, type EmbeddedOptions, type EmbeddedTransport } from './transport/embedded.js';
export { startServer, type StartServerOptions, type RunningServer } from './start.js';
export {
  SimulatedBackend,
  SimulatedDevice,
  type SimulatedDeviceSpec,
  type RecordedCommand,
} from './hardware/simulated/backend.js';
export type {
  HardwareBackend,
  Hardware,
  DeviceCandidate,
  BackendSink,
  Notification,
} from './hardware/types.js';
export { DeviceDatabase } from './devices/config/database.js';
export { DeviceConfigError } from './devices/config/official-format.js';
export { protocols } from './protocols/index.js';
export type { Protocol, ProtocolHandler, ProtocolContext } from './protocols/types.js';
export { consoleLogger, type Logger, type Level } from './log.js';
