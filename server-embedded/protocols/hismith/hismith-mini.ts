import { hismithFrame, readHismithModel } from './hismith-model.js';
import { unhandled, write, type Protocol } from '../types.js';

const HEADER = 0xcc;

/**
 * Hismith Mini (and Sinloli, Eropair, Auxfun…): `CC <index> <value> <sum>`. Index 3 is the main
 * motor, 5 the second one; which output lands where depends on the model's feature layout.
 * Rotation adds a direction frame `CC 01 C0 C1` (clockwise) or `CC 01 C1 C2`. The lube shot
 * `CC 0B 01 0C` fires once per non-zero Spray command.
 */
export const hismithMini: Protocol = {
  name: 'hismith-mini',
  identify: async (hardware) => ({ identifier: await readHismithModel(hardware) }),
  create: ({ device }) => {
    const has = (type: string) => (f: (typeof device.features)[number]) =>
      f.outputs.some((o) => o.type === type);
    const dualVibe = device.features.filter(has('Vibrate')).length >= 2;
    const secondConstrict = device.features.findIndex(has('Constrict')) === 1;
    return {
      output: (cmd) => {
        const v = cmd.value;
        switch (cmd.type) {
          case 'Oscillate':
            return [write('tx', hismithFrame(HEADER, 0x03, v))];
          case 'Vibrate':
            return [write('tx', hismithFrame(HEADER, !dualVibe || cmd.featureIndex === 1 ? 0x05 : 0x03, v))];
          case 'Constrict':
            return [write('tx', hismithFrame(HEADER, secondConstrict ? 0x05 : 0x03, v))];
          case 'Rotate':
            return [
              write('tx', hismithFrame(HEADER, 0x03, Math.abs(v))),
              write('tx', v >= 0 ? [HEADER, 0x01, 0xc0, 0xc1] : [HEADER, 0x01, 0xc1, 0xc2]),
            ];
          case 'Spray':
            // A shot cannot be taken back; a zero (e.g. from a stop) must not fire the pump.
            return v === 0 ? [] : [write('tx', [HEADER, 0x0b, 0x01, 0x0c])];
          default:
            return unhandled(cmd.type);
        }
      },
    };
  },
};
