import { filter, map, type Observable } from 'rxjs';
import { realClock, type Clock } from '../../sdk/clock/index.js';
import {
  PlugkitError,
  type DeviceInfo,
  type InputCmd,
  type InputType,
  type OutputCmd,
  type OutputType,
  type StopCmd,
} from '../../sdk/protocol/index.js';
import type { ServerDevice } from '../devices/device.js';
import type { DeviceManager } from '../devices/manager.js';
import { ascii, write } from '../protocols/types.js';

/** Server-wide settings the core enforces. */
export interface ServerCoreOptions {
  /** Allow Raw* messages (older specs) for every device, not only those allowed in the user config. */
  allowRawMessages?: boolean;
  /** Time for operations that depend on it (e.g. legacy Kiiroo stroke timing). Default: the real clock. */
  clock?: Clock;
}

/**
 * A connected device as a spec adapter sees it. The same object stands for the same device
 * for as long as it is connected, so adapters can key per-device state on it (a device that
 * reconnects at the same index is a new object).
 */
export interface CoreDevice {
  readonly index: number;
  /** The spec v4 description (a DeviceList entry). */
  readonly info: DeviceInfo;
  /** The config name of the protocol it speaks, e.g. `lovense`. */
  readonly protocol: string;
  /** Endpoints open to raw messages; undefined when raw access is off for this device. */
  readonly rawEndpoints: readonly string[] | undefined;
}

/** Addresses one endpoint of a device (raw messages). */
export interface RawTarget {
  DeviceIndex: number;
  Endpoint: string;
}

/** How long a raw read may wait for the device. */
const RAW_READ_TIMEOUT_MS = 5000;

/** A LovenseCmd is one short printable-ASCII command ending in ';' (e.g. "Vibrate:5;"). */
const LOVENSE_COMMAND = /^[\x20-\x3a\x3c-\x7e]{1,63};$/;

const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);

/**
 * The operations every session (of any spec version) is translated into, and the only door to
 * the device manager: adapters see devices as {@link CoreDevice}s and act on them only through
 * these methods. Validation of indexes and values happens here and in ServerDevice, so all
 * versions share one set of rules.
 */
export class ServerCore {
  private readonly views = new WeakMap<ServerDevice, CoreDevice>();
  private readonly clock: Clock;

  constructor(
    /** The device manager; sessions subscribe to its events. Adapters never use it. */
    readonly manager: DeviceManager,
    readonly options: ServerCoreOptions = {},
  ) {
    this.clock = options.clock ?? manager.clock ?? realClock;
  }

  /** Milliseconds now on the server's clock. */
  now(): number {
    return this.clock.now();
  }

  /** The current devices, spec v4 shape, keyed by index. */
  devices(): Record<string, DeviceInfo> {
    const out: Record<string, DeviceInfo> = {};
    for (const d of this.sorted()) out[String(d.index)] = d.info();
    return out;
  }

  /** The current devices in ascending index. */
  listDevices(): CoreDevice[] {
    return this.sorted().map((d) => this.view(d));
  }

  /** The device at an index; a `DeviceNotAvailable` error if there is none. */
  deviceAt(index: number): CoreDevice {
    return this.view(this.device(index));
  }

  /**
   * Validates an output command and queues it on its device; returns once accepted (throwing a
   * PlugkitError if not), not when the toy got it, so a slow toy never delays the reply or another
   * toy. A later failure is reported on the server's events and log.
   */
  output(msg: Pick<OutputCmd, 'DeviceIndex' | 'FeatureIndex' | 'Command'>): void {
    void this.device(msg.DeviceIndex).accept(msg.FeatureIndex, msg.Command);
  }

  /**
   * The step value last sent to an output, undefined if none yet (legacy position commands
   * measure a stroke's distance from it).
   */
  lastOutput(msg: { DeviceIndex: number; FeatureIndex: number; Type: OutputType }): number | undefined {
    return this.device(msg.DeviceIndex).lastSteps(msg.FeatureIndex, msg.Type);
  }

  input(
    msg: Pick<InputCmd, 'DeviceIndex' | 'FeatureIndex' | 'Type' | 'Command'>,
  ): Promise<number | undefined> {
    return this.device(msg.DeviceIndex).input(msg.FeatureIndex, msg.Type as InputType, msg.Command);
  }

  async stop(msg: Omit<StopCmd, 'type' | 'Id'>): Promise<void> {
    if (msg.FeatureIndex !== undefined && msg.DeviceIndex === undefined)
      throw new PlugkitError(
        'ERROR_MSG',
        'InvalidMessageContents',
        'StopCmd with a FeatureIndex needs a DeviceIndex too.',
      );
    // Queued, not awaited, like any output; a shutdown's stop (manager.stopAll) waits for the toy.
    const opts = {
      outputs: msg.Outputs ?? true,
      inputs: msg.Inputs ?? true,
      untilDelivered: false,
      ...(msg.FeatureIndex !== undefined ? { featureIndex: msg.FeatureIndex } : {}),
    };
    if (msg.DeviceIndex !== undefined) return this.device(msg.DeviceIndex).stop(opts);
    const errors: unknown[] = [];
    for (const d of this.manager.devices.values()) await d.stop(opts).catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  }

  startScanning(): Promise<void> {
    return this.manager.startScanning();
  }

  stopScanning(): Promise<void> {
    return this.manager.stopScanning();
  }

  /**
   * Writes one Lovense text command (e.g. `Vibrate:5;`) to a Lovense toy, through its queue
   * (spec v0/v1 LovenseCmd). Refused for toys of other protocols and for anything but one
   * printable command ending in `;`.
   */
  async lovenseCommand(msg: { DeviceIndex: number; Command: string }): Promise<void> {
    const d = this.device(msg.DeviceIndex);
    if (d.resolved.protocol !== 'lovense')
      throw deviceError(
        'MessageNotSupported',
        `LovenseCmd needs a Lovense toy; ${d.name} speaks ${d.resolved.protocol}.`,
      );
    if (!LOVENSE_COMMAND.test(msg.Command))
      throw new PlugkitError(
        'ERROR_MSG',
        'InvalidMessageContents',
        `LovenseCmd Command must be one printable-ASCII command ending in ";" (e.g. "Vibrate:5;"), got ${JSON.stringify(msg.Command)}.`,
      );
    await d.sendRaw([write('tx', ascii(msg.Command))]);
  }

  /** Writes bytes to an endpoint, bypassing the protocol, through the device's queue (RawWriteCmd). */
  async rawWrite(msg: RawTarget & { Data: number[]; WriteWithResponse: boolean }): Promise<void> {
    const d = this.rawDevice(msg, 'RawWriteCmd');
    await d.sendRaw([write(msg.Endpoint, msg.Data, msg.WriteWithResponse)]);
  }

  /** Reads up to `Length` bytes from an endpoint (RawReadCmd). */
  async rawRead(msg: RawTarget & { Length: number }): Promise<number[]> {
    const d = this.rawDevice(msg, 'RawReadCmd');
    const data = await d.hardware
      .read(msg.Endpoint, msg.Length, RAW_READ_TIMEOUT_MS)
      .catch((err: unknown) => {
        throw deviceError(
          'DeviceCommunicationError',
          `Reading ${msg.Endpoint} of ${d.name} failed: ${(err as Error).message}`,
        );
      });
    return [...data];
  }

  /**
   * Subscribes to an endpoint (RawSubscribeCmd); the result carries its notifications until
   * {@link rawUnsubscribe} or the device goes away.
   */
  async rawSubscribe(msg: RawTarget): Promise<Observable<number[]>> {
    const d = this.rawDevice(msg, 'RawSubscribeCmd');
    await d.sendRaw([{ kind: 'subscribe', endpoint: msg.Endpoint }]);
    return d.hardware.notification$.pipe(
      filter((n) => n.endpoint === msg.Endpoint),
      map((n) => [...n.data]),
    );
  }

  /** Unsubscribes from an endpoint (RawUnsubscribeCmd). */
  async rawUnsubscribe(msg: RawTarget): Promise<void> {
    const d = this.rawDevice(msg, 'RawUnsubscribeCmd');
    await d.sendRaw([{ kind: 'unsubscribe', endpoint: msg.Endpoint }]);
  }

  /**
   * Throws unless raw messages may use this endpoint of this device; `what` names the refused
   * message in the error. Every raw operation checks this itself; adapters call it to refuse a
   * message that turns out to need no operation (e.g. unsubscribing what was never subscribed).
   */
  checkRawAccess(msg: RawTarget, what: string): void {
    this.rawDevice(msg, what);
  }

  private sorted(): ServerDevice[] {
    return [...this.manager.devices.values()].sort((a, b) => a.index - b.index);
  }

  private device(index: number): ServerDevice {
    const d = this.manager.devices.get(index);
    if (!d) {
      const known = [...this.manager.devices.keys()];
      throw new PlugkitError(
        'ERROR_DEVICE',
        'DeviceNotAvailable',
        `No device at index ${index}${known.length ? `; connected: ${known.join(', ')}` : '; no device is connected'}.`,
      );
    }
    return d;
  }

  /** May clients send Raw* messages to this device (server option or the device's user config)? */
  private rawAllowed(device: ServerDevice): boolean {
    return this.options.allowRawMessages === true || device.resolved.allowRaw === true;
  }

  /** The device of a raw message, once raw access to that endpoint is known to be allowed. */
  private rawDevice(msg: RawTarget, what: string): ServerDevice {
    const d = this.device(msg.DeviceIndex);
    if (!this.rawAllowed(d))
      throw deviceError(
        'MessageNotSupported',
        `${what} is refused: raw access is off for ${d.name}. Allow it with "allow_raw": true in the device's user config entry, or start the server with raw messages allowed.`,
      );
    if (!d.hardware.endpoints.includes(msg.Endpoint))
      throw deviceError(
        'DeviceFeatureMismatch',
        `${d.name} has no endpoint "${msg.Endpoint}"; it has ${d.hardware.endpoints.join(', ')}.`,
      );
    return d;
  }

  private view(d: ServerDevice): CoreDevice {
    let v = this.views.get(d);
    if (!v) {
      const rawEndpoints = this.rawAllowed(d) ? [...d.hardware.endpoints] : undefined;
      v = {
        index: d.index,
        get info() {
          return d.info();
        },
        protocol: d.resolved.protocol,
        rawEndpoints,
      };
      this.views.set(d, v);
    }
    return v;
  }
}
