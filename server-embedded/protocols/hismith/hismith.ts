import { hismithFrame, readHismithModel } from './hismith-model.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Model ids of the original Hismith firmware; every other id speaks the Hismith Mini protocol. */
const LEGACY_MODELS = new Set(['1001', '1002', '1003', '3001', '2001', '1006']);
const HEADER = 0xaa;

/**
 * Hismith (legacy firmware): `AA <index> <value> <sum>`; the thrust motor is index 4, a second
 * vibrator index 6 (which reads 0xF0 as "off"). Newer models advertising the same names are
 * handed to the hismith-mini protocol after the model read.
 */
export const hismith: Protocol = {
  name: 'hismith',
  identify: async (hardware, log) => {
    const identifier = await readHismithModel(hardware);
    if (LEGACY_MODELS.has(identifier)) return { identifier };
    log('info', `model ${identifier} is not a legacy Hismith; using the hismith-mini protocol`);
    return { identifier, protocol: 'hismith-mini' };
  },
  create: () => ({
    output: (cmd) => {
      switch (cmd.type) {
        case 'Oscillate':
          return [write('tx', hismithFrame(HEADER, 0x04, cmd.value))];
        case 'Vibrate': {
          const index = cmd.featureIndex === 0 ? 0x04 : 0x06;
          const value = cmd.featureIndex !== 0 && cmd.value === 0 ? 0xf0 : cmd.value;
          return [write('tx', hismithFrame(HEADER, index, value))];
        }
        default:
          return unhandled(cmd.type);
      }
    },
  }),
};
