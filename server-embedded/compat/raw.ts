/**
 * Raw endpoint messages (spec v2, v3): direct reads, writes and subscriptions on a device's
 * endpoints. The core refuses them unless the server allows raw messages or the device's user
 * config entry says `allow_raw: true`, because raw bytes bypass every safety the protocol layer
 * gives. This class keeps one session's subscriptions and forwards their notifications.
 */
import type { Subscription } from 'rxjs';
import { SYSTEM_ID, type AnyMessage } from '../../sdk/protocol/index.js';
import type { CoreDevice, ServerCore } from '../server/core.js';
import type { AdapterSession } from '../server/spec-adapter.js';
import type { LegacyMessage } from './shapes.js';

/** The raw message kinds. */
export type RawMessage =
  | LegacyMessage<'RawWriteCmd'>
  | LegacyMessage<'RawReadCmd'>
  | LegacyMessage<'RawSubscribeCmd'>
  | LegacyMessage<'RawUnsubscribeCmd'>;

interface Forwarding {
  device: CoreDevice;
  endpoint: string;
  sub: Subscription;
}

const ok = (Id: number): AnyMessage => ({ type: 'Ok', Id });

/** One session's raw access: its endpoint subscriptions and their forwarding. */
export class RawAccess {
  private readonly forwarding = new Map<string, Forwarding>();

  constructor(
    private readonly core: ServerCore,
    private readonly session: AdapterSession,
  ) {}

  /** Handles one Raw* message to a device; returns the reply. */
  async handle(device: CoreDevice, m: RawMessage): Promise<AnyMessage> {
    const target = { DeviceIndex: device.index, Endpoint: m.Endpoint };
    // Refused messages are refused even when there is nothing to do (e.g. a repeated subscribe).
    this.core.checkRawAccess(target, m.type);
    const key = `${device.index}/${m.Endpoint}`;
    switch (m.type) {
      case 'RawWriteCmd':
        await this.core.rawWrite({ ...target, Data: m.Data, WriteWithResponse: m.WriteWithResponse });
        return ok(m.Id);
      case 'RawReadCmd':
        return {
          type: 'RawReading',
          Id: m.Id,
          DeviceIndex: m.DeviceIndex,
          Endpoint: m.Endpoint,
          Data: await this.core.rawRead({ ...target, Length: m.Length }),
        };
      case 'RawSubscribeCmd':
        if (!this.forwarding.has(key)) {
          const data$ = await this.core.rawSubscribe(target);
          const sub = data$.subscribe((Data) =>
            this.session.emit({
              type: 'RawReading',
              Id: SYSTEM_ID,
              DeviceIndex: device.index,
              Endpoint: m.Endpoint,
              Data,
            }),
          );
          this.forwarding.set(key, { device, endpoint: m.Endpoint, sub });
        }
        return ok(m.Id);
      case 'RawUnsubscribeCmd': {
        const f = this.forwarding.get(key);
        if (f) {
          this.forwarding.delete(key);
          f.sub.unsubscribe();
          await this.core.rawUnsubscribe(target);
        }
        return ok(m.Id);
      }
    }
  }

  /** Forgets a removed device's subscriptions. */
  forget(device: CoreDevice): void {
    for (const [key, f] of this.forwarding)
      if (f.device === device) {
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
      // Only the device that was subscribed: another one may have taken its index since.
      const current = this.core.listDevices().find((d) => d.index === f.device.index);
      if (current === f.device)
        await this.core.rawUnsubscribe({ DeviceIndex: f.device.index, Endpoint: f.endpoint }).catch(() => {});
    }
  }
}
