import { HardwareError } from '../base-hardware.js';
import { canonicalUuid } from '../ble/uuid.js';
import type { BtleSpecifier } from '../specifiers.js';
import type { BackendSink, DeviceCandidate, HardwareBackend } from '../types.js';
import { requestOptionsFor } from './filters.js';
import {
  DEFAULT_WEB_BLUETOOTH_TIMEOUTS,
  WebBluetoothHardware,
  within,
  type WebBluetoothTimeouts,
} from './hardware.js';
import type { Bluetooth, BluetoothDevice } from './web-bluetooth-api.js';

/** Options of {@link webBluetooth}. */
export interface WebBluetoothOptions {
  /** The Web Bluetooth implementation (default: `navigator.bluetooth`); tests hand in a stand-in. */
  bluetooth?: Bluetooth;
  timeouts?: Partial<WebBluetoothTimeouts>;
}

/** What the page's global scope offers, as far as Web Bluetooth is concerned. */
export interface PageScope {
  isSecureContext?: boolean;
  location?: { origin?: string };
  navigator?: { bluetooth?: Bluetooth };
}

/**
 * Why Web Bluetooth cannot run in this page, in words a user can act on; undefined when it can.
 * Chrome, Edge and Opera ship it on desktop and Android; Firefox and Safari (and every iOS
 * browser) do not; it exists only in secure contexts (https://, or http://localhost).
 */
export function webBluetoothUnavailableReason(
  scope: PageScope = globalThis as PageScope,
): string | undefined {
  if (scope.isSecureContext === false)
    return `Web Bluetooth needs a secure context: serve this page over https:// or from http://localhost (it is ${scope.location?.origin ?? 'not secure'})`;
  if (!scope.navigator?.bluetooth)
    return 'this browser has no Web Bluetooth (Firefox and Safari do not ship it): use Chrome, Edge or Opera on desktop or Android, or connect to a local server such as Intiface Central or `plugkit serve`';
  return undefined;
}

/** Does a specifier's name list cover this advertised name? (The device database's rule.) */
const namedBy = (specs: readonly BtleSpecifier[], name: string) =>
  specs.some((s) => s.names.some((n) => (n.endsWith('*') ? name.startsWith(n.slice(0, -1)) : n === name)));

/**
 * Bluetooth LE in a web page. A "scan" is the browser's device chooser: `startScanning()` (which
 * must run from a user gesture — a click or key press — or the browser refuses) opens it with
 * filters built from the device database, and the toy the user picks is reported once; the scan
 * then finishes. A toy that disconnects is reported lost; pick it again to reconnect.
 */
export class WebBluetoothBackend implements HardwareBackend {
  readonly name = 'web-bluetooth';
  private sink: BackendSink | undefined;
  private bluetooth: Bluetooth | undefined;
  private readonly timeouts: WebBluetoothTimeouts;
  private readonly inUse = new Set<string>();
  private choosing = false;
  private closed = false;

  constructor(private readonly opts: WebBluetoothOptions = {}) {
    this.timeouts = { ...DEFAULT_WEB_BLUETOOTH_TIMEOUTS, ...opts.timeouts };
  }

  /** Throws a {@link HardwareError} saying why when the page cannot use Web Bluetooth. */
  async start(sink: BackendSink): Promise<void> {
    const bluetooth = this.opts.bluetooth ?? (globalThis as PageScope).navigator?.bluetooth;
    const reason = this.opts.bluetooth ? undefined : webBluetoothUnavailableReason();
    if (reason || !bluetooth) throw new HardwareError(reason ?? 'no Web Bluetooth implementation');
    const available = await within(
      bluetooth.getAvailability?.() ?? Promise.resolve(true),
      5000,
      'asking for Bluetooth',
    );
    if (!available)
      throw new HardwareError('this browser sees no Bluetooth adapter (none present, or it is turned off)');
    this.bluetooth = bluetooth;
    this.sink = sink;
    this.closed = false; // the embedded transport starts a new server (and this backend) per connect
  }

  /**
   * Opens the browser's device chooser; returns at once (the answer is the toy the user picks,
   * reported as found). Call it from a user gesture: the browser refuses the chooser otherwise.
   */
  async startScanning(): Promise<void> {
    const bluetooth = this.bluetooth;
    const sink = this.sink;
    if (!bluetooth || !sink) throw new HardwareError('the Web Bluetooth backend was not started');
    if (this.choosing) return; // the chooser is already open
    const specs = sink.specifiers('btle').map((s) => s.btle);
    const options = requestOptionsFor(specs);
    // The browser rejects a chooser without filters; say why instead of passing its TypeError on.
    if (!options.filters?.length) {
      sink.scanFailed(new HardwareError('the device database names no Bluetooth LE toys to look for'));
      return;
    }
    this.choosing = true;
    // Called synchronously here, inside the gesture's activation; the chooser then takes its time.
    let picked: Promise<BluetoothDevice>;
    try {
      picked = bluetooth.requestDevice(options);
    } catch (err) {
      picked = Promise.reject(err); // an implementation that throws instead of rejecting
    }
    void picked.then(
      async (device) => {
        try {
          if (!this.closed) await this.found(device, specs, sink);
        } catch (err) {
          sink.log('warn', `"${device.name ?? ''}" (${device.id}): ${(err as Error).message}`);
        } finally {
          this.choosing = false;
          sink.scanFinished();
        }
      },
      (err: unknown) => {
        this.choosing = false;
        const name = (err as { name?: string } | undefined)?.name;
        if (name === 'NotFoundError') {
          // The user closed the chooser (or nothing matched): a scan that found nothing.
          sink.log('info', 'the Bluetooth chooser was closed without a toy picked');
          sink.scanFinished();
        } else if (name === 'SecurityError')
          sink.scanFailed(
            new HardwareError(
              'the browser refused its Bluetooth chooser: start scanning from a user gesture (a click or key handler), in a secure context',
            ),
          );
        else sink.scanFailed(new HardwareError(`Web Bluetooth: ${(err as Error)?.message ?? String(err)}`));
      },
    );
  }

  /** The chooser cannot be closed from the page; a toy picked later is still reported. */
  async stopScanning(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }

  private async found(
    device: BluetoothDevice,
    specs: readonly BtleSpecifier[],
    sink: BackendSink,
  ): Promise<void> {
    if (this.inUse.has(device.id)) {
      sink.log('info', `"${device.name ?? ''}" (${device.id}) is already connected`);
      return;
    }
    const name = device.name ?? '';
    let advertisedServices: string[] | undefined;
    // Pages see no advertisement data; a toy the database knows by service only is recognised
    // by the services its GATT server shows (those listed in optionalServices).
    if (!namedBy(specs, name) && device.gatt)
      try {
        const server = await within(device.gatt.connect(), this.timeouts.connect, `connecting to "${name}"`);
        advertisedServices = (await server.getPrimaryServices()).map((s) => canonicalUuid(s.uuid));
      } catch (err) {
        sink.log('warn', `"${name}" (${device.id}): cannot list its services: ${(err as Error).message}`);
      }
    sink.deviceFound(this.candidate(device, advertisedServices));
  }

  private candidate(device: BluetoothDevice, advertisedServices: string[] | undefined): DeviceCandidate {
    return {
      bus: 'btle',
      name: device.name ?? '',
      address: device.id,
      ...(advertisedServices ? { advertisedServices } : {}),
      connect: async (specifier) => {
        if (specifier.bus !== 'btle')
          throw new HardwareError(`a Bluetooth LE device cannot use a ${specifier.bus} specifier`);
        if (this.inUse.has(device.id)) throw new HardwareError(`${device.id} is already connected`);
        this.inUse.add(device.id);
        try {
          const hw = await WebBluetoothHardware.open(device, specifier.btle, this.timeouts);
          hw.disconnected$.subscribe({ complete: () => this.inUse.delete(device.id) });
          return hw;
        } catch (err) {
          this.inUse.delete(device.id);
          throw err;
        }
      },
    };
  }
}

/**
 * The Web Bluetooth hardware backend, for `embedded({ backends: [webBluetooth()] })` in a web
 * page. Starting it fails with a plain reason where the page cannot use Web Bluetooth, so a
 * client with a WebSocket transport after the embedded one falls back to a local server.
 */
export function webBluetooth(options: WebBluetoothOptions = {}): WebBluetoothBackend {
  return new WebBluetoothBackend(options);
}
