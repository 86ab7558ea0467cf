import {
  PlugkitError,
  type DeviceInfo,
  type InputCmd,
  type InputType,
  type OutputCmd,
  type StopCmd,
} from '../../sdk/protocol/index.js';
import type { Clock } from '../../sdk/clock/index.js';
import type { ServerDevice } from '../devices/device.js';
import type { DeviceManager } from '../devices/manager.js';

/** Server-wide settings the core enforces. */
export interface ServerCoreOptions {
  /** Allow Raw* messages (older specs) for every device, not only those allowed in the user config. */
  allowRawMessages?: boolean;
}

/**
 * The spec v4 operations every session (of any spec version) is translated into. Validation of
 * indexes and values happens here and in ServerDevice, so all versions share one set of rules.
 */
export class ServerCore {
  constructor(
    readonly manager: DeviceManager,
    readonly options: ServerCoreOptions = {},
  ) {}

  /** The server's clock (for adapters that time what clients send, e.g. legacy Kiiroo strokes). */
  get clock(): Clock {
    return this.manager.clock;
  }

  /** May clients send Raw* messages to this device (server option or the device's user config)? */
  rawAllowed(device: ServerDevice): boolean {
    return this.options.allowRawMessages === true || device.resolved.allowRaw === true;
  }

  /** The current devices, spec v4 shape, keyed by index. */
  devices(): Record<string, DeviceInfo> {
    const out: Record<string, DeviceInfo> = {};
    for (const d of [...this.manager.devices.values()].sort((a, b) => a.index - b.index))
      out[String(d.index)] = d.info();
    return out;
  }

  device(index: number): ServerDevice {
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

  /**
   * Validates an output command and queues it on its device; resolves once accepted, not when
   * the toy got it (so a slow toy never delays the reply or another toy). A later failure is
   * reported on the server's events and log.
   */
  async output(msg: Pick<OutputCmd, 'DeviceIndex' | 'FeatureIndex' | 'Command'>): Promise<void> {
    void this.device(msg.DeviceIndex).accept(msg.FeatureIndex, msg.Command);
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
}
