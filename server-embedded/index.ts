/**
 * plugkit/server — the embedded Buttplug server (Node).
 * @packageDocumentation
 */
export { PlugkitServer, type ServerOptions } from './server/server.js';
export type {
  ServerEvent,
  ServerEventKind,
  SessionEvent,
  DeviceEvent,
  ClientConnectedEvent,
  ClientDisconnectedEvent,
  MessageInEvent,
  MessageOutEvent,
  DeviceAddedEvent,
  DeviceRemovedEvent,
  OutputEvent,
  WriteEvent,
  ReadingEvent,
  ServerErrorEvent,
} from './server/events.js';
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
  startDashboard,
  DEFAULT_DASHBOARD_PORT,
  type DashboardOptions,
  type DashboardListener,
  type DashboardLimits,
} from './dashboard/index.js';
export {
  SimulatedBackend,
  SimulatedDevice,
  DEFAULT_MAX_RECORDED_COMMANDS,
  DEFAULT_SIMULATED_BATTERY,
  type SimulatedDeviceSpec,
  type SimulatedDeviceOptions,
  type SimulatedBackendOptions,
  type SimulatedInputs,
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

// Types that appear in the signatures above, so the API reference can show them.
export type { SessionOptions } from './server/session.js';
export type { ServerDescription, AdapterSession } from './server/spec-adapter.js';
export type { CoreDevice, RawTarget, ServerCore, ServerCoreOptions } from './server/core.js';
export type { DeviceManager } from './devices/manager.js';
export type {
  Delivery,
  DeviceReading,
  ServerDevice,
  ServerDeviceOptions,
  StopOptions,
} from './devices/device.js';
export type { EventSink, Unstamped } from './devices/device-events.js';
export type {
  ResolvedDevice,
  ResolvedFeature,
  ResolvedOutput,
  ProtocolMatch,
} from './devices/config/database.js';
export type {
  CommunicationSpecifier,
  BtleSpecifier,
  SerialSpecifier,
  UsbIdsSpecifier,
  DeviceDatabaseData,
  ProtocolConfig,
  UserConfigData,
  DeviceDefinition,
  UserDeviceEntry,
  FeatureConfig,
  OutputConfig,
  InputConfig,
  UserOutputOverride,
} from './devices/config/model.js';
export type {
  OutputCommand,
  HardwareCommand,
  Identification,
  KeepalivePolicy,
  LogLevel,
} from './protocols/types.js';
export { BLE_MESSAGE_GAP_MS, type Endpoint } from './hardware/types.js';
export type { BackendLoader } from './hardware/catalog.js';
export type { BleTimeouts } from './hardware/ble/hardware.js';
export type { Noble } from './hardware/ble/noble-types.js';
export type { NodeHidModule, HidDeviceInfo, HidHandle } from './hardware/hid/backend.js';
export type { SerialPortModule, SerialPortLike, SerialSettings } from './hardware/serial/hardware.js';
export { LOG_LEVELS } from './log.js';
export { UsbBackend, type UsbModule, type UsbDevice } from './hardware/usb/backend.js';
export { spawnServer, type SpawnServerOptions, type SpawnedServer } from './spawn/spawn-server.js';
export { spawnedTransport, type SpawnedTransport } from './spawn/spawned-transport.js';
export { watchLifeline, type Lifeline, type LifelineOptions } from './spawn/lifeline.js';
