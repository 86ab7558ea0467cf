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
export { legacyAdapters } from './compat/index.js';
export type { Protocol, ProtocolHandler, ProtocolContext } from './protocols/types.js';
export { consoleLogger, type Logger, type Level } from './log.js';
export { BleBackend, type BleBackendOptions } from './hardware/ble/backend.js';
export { SerialBackend, type SerialBackendOptions } from './hardware/serial/backend.js';
export { HidBackend } from './hardware/hid/backend.js';
export {
  WebSocketDeviceBackend,
  DEFAULT_DEVICE_WEBSOCKET_PORT,
  type WebSocketDeviceOptions,
} from './hardware/websocket-devices/backend.js';
export { requestedBackends, type BackendRequest, type BackendStatus } from './hardware/catalog.js';
export {
  LovenseDongleBackend,
  type LovenseDongleBackendOptions,
  type DongleFinder,
} from './hardware/lovense-dongle/backend.js';
export {
  loadLovenseDongleSerialBackend,
  loadLovenseDongleHidBackend,
  type LoadSerialDongleOptions,
  type LoadHidDongleOptions,
} from './hardware/lovense-dongle/load.js';
export type { DongleLink } from './hardware/lovense-dongle/link.js';
export type { DongleTimings } from './hardware/lovense-dongle/session.js';
export { HardwareError } from './hardware/base-hardware.js';
