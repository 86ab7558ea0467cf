/**
 * v0/v1's device-specific commands. The stroker and rotator ones become v4 positions and
 * speeds (see commands.ts); LovenseCmd is text for the toy, which only the core may send.
 */
import { planFleshlight, planKiiroo, planVorze } from '../commands.js';
import { ok } from '../client-state.js';
import type { LegacyHandlers } from './types.js';

export const deviceSpecificHandlers: LegacyHandlers<
  'FleshlightLaunchFW12Cmd' | 'VorzeA10CycloneCmd' | 'KiirooCmd' | 'LovenseCmd'
> = {
  FleshlightLaunchFW12Cmd(m, c) {
    const t = c.table(m.DeviceIndex);
    const last = (e: { featureIndex: number }) =>
      c.core.lastOutput({
        DeviceIndex: m.DeviceIndex,
        FeatureIndex: e.featureIndex,
        Type: 'HwPositionWithDuration',
      });
    return c.run(t, planFleshlight(t, m.Position, m.Speed, last), m.Id);
  },
  VorzeA10CycloneCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planVorze(t, m.Speed, m.Clockwise), m.Id);
  },
  KiirooCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    const now = c.core.now();
    const last = c.lastKiiroo.get(t.device);
    const plan = planKiiroo(t, m.Command, last === undefined ? undefined : now - last);
    c.lastKiiroo.set(t.device, now);
    return c.run(t, plan, m.Id);
  },
  async LovenseCmd(m, c) {
    await c.core.lovenseCommand({ DeviceIndex: m.DeviceIndex, Command: m.Command });
    return ok(m.Id);
  },
};
