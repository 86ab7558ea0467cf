/** Raw endpoint messages (v2, v3); the session's RawAccess keeps their subscriptions. */
import type { LegacyHandlers } from './types.js';

export const rawHandlers: LegacyHandlers<
  'RawWriteCmd' | 'RawReadCmd' | 'RawSubscribeCmd' | 'RawUnsubscribeCmd'
> = {
  RawWriteCmd: (m, c) => c.raw.handle(c.core.deviceAt(m.DeviceIndex), m),
  RawReadCmd: (m, c) => c.raw.handle(c.core.deviceAt(m.DeviceIndex), m),
  RawSubscribeCmd: (m, c) => c.raw.handle(c.core.deviceAt(m.DeviceIndex), m),
  RawUnsubscribeCmd: (m, c) => c.raw.handle(c.core.deviceAt(m.DeviceIndex), m),
};
