/** The generic output commands: ScalarCmd, VibrateCmd, SingleMotorVibrateCmd, RotateCmd, LinearCmd. */
import { planLinear, planRotate, planScalar, planSingleMotor, planVibrate } from '../commands.js';
import type { LegacyHandlers } from './types.js';

export const genericOutputHandlers: LegacyHandlers<
  'ScalarCmd' | 'VibrateCmd' | 'SingleMotorVibrateCmd' | 'RotateCmd' | 'LinearCmd'
> = {
  ScalarCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planScalar(t, m.Scalars), m.Id);
  },
  VibrateCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planVibrate(t, m.Speeds), m.Id);
  },
  SingleMotorVibrateCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planSingleMotor(t, m.Speed), m.Id);
  },
  RotateCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planRotate(t, m.Rotations), m.Id);
  },
  LinearCmd(m, c) {
    const t = c.table(m.DeviceIndex);
    return c.run(t, planLinear(t, m.Vectors), m.Id);
  },
};
