/**
 * plugkit in a web page: the client (everything `plugkit` exports) plus the whole Buttplug
 * server running in the page, driving toys over Web Bluetooth — nothing for the user to
 * install. Put {@link embedded} before a WebSocket transport in `connect`'s list to mean "in
 * this page, else the local server":
 *
 * ```ts
 * import { connect, embedded, webBluetooth, websocketTransport } from 'plugkit/browser';
 * const client = await connect({
 *   name: 'my game',
 *   transports: [embedded({ backends: [webBluetooth()] }), websocketTransport('ws://127.0.0.1:12345')],
 * });
 * button.onclick = () => client.startScanning(); // the browser's chooser needs a user gesture
 * ```
 * @packageDocumentation
 */
import {
  embedded as embeddedServer,
  type EmbeddedOptions,
  type EmbeddedTransport,
} from '../../server-embedded/transport/embedded.js';

export * from '../../sdk/index.js';
export {
  webBluetooth,
  webBluetoothUnavailableReason,
  WebBluetoothBackend,
  type WebBluetoothOptions,
  type PageScope,
} from '../../server-embedded/hardware/web-bluetooth/backend.js';
export type { WebBluetoothTimeouts } from '../../server-embedded/hardware/web-bluetooth/hardware.js';
export type * from '../../server-embedded/hardware/web-bluetooth/web-bluetooth-api.js';
export type { EmbeddedTransport } from '../../server-embedded/transport/embedded.js';
export { PlugkitServer } from '../../server-embedded/server/server.js';
export type { ServerEvent, ServerEventKind } from '../../server-embedded/server/events.js';
export { SimulatedBackend, SimulatedDevice } from '../../server-embedded/hardware/simulated/backend.js';
export type {
  SimulatedDeviceSpec,
  RecordedCommand,
} from '../../server-embedded/hardware/simulated/backend.js';
export type {
  HardwareBackend,
  Hardware,
  DeviceCandidate,
  BackendSink,
} from '../../server-embedded/hardware/types.js';
export { HardwareError } from '../../server-embedded/hardware/base-hardware.js';
export { DeviceConfigError } from '../../server-embedded/devices/config/official-format.js';

/**
 * Options of the in-page server: those of `plugkit/server`'s `embedded` except config files (a
 * page has no file system; pass their contents as `deviceConfigText` / `userDeviceConfigTexts`).
 */
export type BrowserEmbeddedOptions = Omit<
  EmbeddedOptions,
  'deviceConfigFile' | 'userDeviceConfigFiles' | 'userDeviceConfigFile'
>;

/**
 * A transport that runs plugkit's server inside this page: `backends` (e.g. `[webBluetooth()]`)
 * find the toys, `simulate` adds virtual ones. Connecting fails with a plain reason when a
 * backend cannot run here (no Web Bluetooth, an insecure page), so `connect` moves on to the
 * next transport. The server — and every toy — stops when the client disconnects.
 */
export function embedded(options: BrowserEmbeddedOptions = {}): EmbeddedTransport {
  return embeddedServer(options);
}
