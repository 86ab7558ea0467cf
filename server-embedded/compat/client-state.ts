/**
 * What one spec v0–v3 session remembers about its client: the devices it has been told about,
 * one attribute table per device, its raw subscriptions and its Kiiroo timing. Handlers reach
 * devices only through the {@link ServerCore} this holds.
 */
import type { AnyMessage } from '../../sdk/protocol/index.js';
import type { CoreDevice, ServerCore } from '../server/core.js';
import type { AdapterSession } from '../server/spec-adapter.js';
import { buildTable, type DeviceTable } from './attributes.js';
import { byFeature, type PlannedOutput } from './commands.js';
import { RawAccess } from './raw.js';

/** A legacy spec version. */
export type LegacyVersion = 0 | 1 | 2 | 3;

export const ok = (Id: number): AnyMessage => ({ type: 'Ok', Id });

export class LegacyClientState {
  private readonly tables = new WeakMap<CoreDevice, DeviceTable>();
  /** The devices this client has been told about, by index. */
  readonly announced: Map<number, CoreDevice>;
  /** When the last KiirooCmd reached each device (ms on the server's clock). */
  readonly lastKiiroo = new Map<CoreDevice, number>();
  readonly raw: RawAccess;

  constructor(
    readonly version: LegacyVersion,
    readonly core: ServerCore,
    session: AdapterSession,
  ) {
    this.announced = new Map(core.listDevices().map((d) => [d.index, d]));
    this.raw = new RawAccess(core, session);
  }

  /** The table of a device, built on first use. */
  tableFor(device: CoreDevice): DeviceTable {
    let t = this.tables.get(device);
    if (!t) this.tables.set(device, (t = buildTable(device)));
    return t;
  }

  /** The table of the device a message addresses (`DeviceNotAvailable` if there is none). */
  table(deviceIndex: number): DeviceTable {
    return this.tableFor(this.core.deviceAt(deviceIndex));
  }

  /** Sends a checked plan, feature by feature in ascending index; `Ok` once all were applied. */
  async run(t: DeviceTable, plan: PlannedOutput[], Id: number): Promise<AnyMessage> {
    for (const p of byFeature(plan))
      await this.core.output({
        DeviceIndex: t.device.index,
        FeatureIndex: p.featureIndex,
        Command: p.command,
      });
    return ok(Id);
  }

  /** Forgets what it held for a device that went away. */
  forget(device: CoreDevice): void {
    this.raw.forget(device);
    this.lastKiiroo.delete(device);
  }
}
