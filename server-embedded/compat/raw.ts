/**
 * Raw endpoint messages (spec v2, v3): direct reads, writes and subscriptions on a device's
 * endpoints. Off unless the server allows raw messages or the device's user config entry says
 * `allow_raw: true`, because raw bytes bypass every safety the protocol layer gives.
 */
import { filter, type Subscription } from 'rxjs';
import { PlugkitError, SYSTEM_ID, type AnyMessage } from '../../sdk/protocol/index.js';
import { write } from '../protocols/types.js';
import type { ServerDevice } from '../devices/device.js';
import type { AdapterSession } from '../server/spec-adapter.js';
import type { DeviceTable } from './attributes.js';

/** How long a RawReadCmd may wait for the device. */
const READ_TIMEOUT_MS = 5000;

interface RawMessage {
  Id: number;
  DeviceIndex: number;
  Endpoint: string;
}

/** One session's raw access: its endpoint subscriptions and their forwarding. */
export class RawAccess {
  private readonly forwarding = new Map<
    string,
    { table: DeviceTable; endpoint: string; sub: Subscription }
  >();

  constructor(private readonly session: AdapterSession) {}

  private check(t: DeviceTable, m: RawMessage, type: string): void {
    if (!t.rawEndpoints)
      throw new PlugkitError(
        'ERROR_DEVICE',
        'MessageNotSupported',
        `${type} is refused: raw access is off for ${t.device.name}. Allow it with "allow_raw": true in the device's user config entry, or start the server with raw messages allowed.`,
      );
    if (!t.rawEndpoints.includes(m.Endpoint))
      throw new PlugkitError(
        'ERROR_DEVICE',
        'DeviceFeatureMismatch',
        `${t.device.name} has no endpoint "${m.Endpoint}"; it has ${t.rawEndpoints.join(', ')}.`,
      );
  }

  /** Handles one Raw* message; returns the reply. */
  async handle(t: DeviceTable, type: string, m: RawMessage & Record<string, unknown>): Promise<AnyMessage> {
    this.check(t, m, type);
    const key = `${t.device.index}/${m.Endpoint}`;
    switch (type) {
      case 'RawWriteCmd':
        await t.device.sendRaw([write(m.Endpoint, m['Data'] as number[], m['WriteWithResponse'] as boolean)]);
        return { type: 'Ok', Id: m.Id };
      case 'RawReadCmd': {
        const data = await t.device.hardware
          .read(m.Endpoint, m['Length'] as number, READ_TIMEOUT_MS)
          .catch((err: unknown) => {
            throw new PlugkitError(
              'ERROR_DEVICE',
              'DeviceCommunicationError',
              `Reading ${m.Endpoint} of ${t.device.name} failed: ${(err as Error).message}`,
            );
          });
        return {
          type: 'RawReading',
          Id: m.Id,
          DeviceIndex: m.DeviceIndex,
          Endpoint: m.Endpoint,
          Data: [...data],
        };
      }
      case 'RawSubscribeCmd': {
        if (!this.forwarding.has(key)) {
          await t.device.sendRaw([{ kind: 'subscribe', endpoint: m.Endpoint }]);
          const sub = t.device.hardware.notification$
            .pipe(filter((n) => n.endpoint === m.Endpoint))
            .subscribe((n) =>
              this.session.emit({
                type: 'RawReading',
                Id: SYSTEM_ID,
                DeviceIndex: t.device.index,
                Endpoint: n.endpoint,
                Data: [...n.data],
              }),
            );
          this.forwarding.set(key, { table: t, endpoint: m.Endpoint, sub });
        }
        return { type: 'Ok', Id: m.Id };
      }
      case 'RawUnsubscribeCmd': {
        const f = this.forwarding.get(key);
        if (f) {
          this.forwarding.delete(key);
          f.sub.unsubscribe();
          await t.device.sendRaw([{ kind: 'unsubscribe', endpoint: m.Endpoint }]);
        }
        return { type: 'Ok', Id: m.Id };
      }
      default:
        throw new Error(`not a raw message: ${type}`);
    }
  }

  /** Forgets a removed device's subscriptions. */
  forget(device: ServerDevice): void {
    for (const [key, f] of this.forwarding)
      if (f.table.device === device) {
        f.sub.unsubscribe();
        this.forwarding.delete(key);
      }
  }

  /** Ends every subscription this session made (the session is over). */
  async close(): Promise<void> {
    const all = [...this.forwarding.values()];
    this.forwarding.clear();
    for (const f of all) {
      f.sub.unsubscribe();
      await f.table.device.sendRaw([{ kind: 'unsubscribe', endpoint: f.endpoint }]).catch(() => {});
    }
  }
}
