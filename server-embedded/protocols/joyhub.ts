import { AllMotors, firstFeatures } from './support/all-motors.js';
import { unhandled, write, type Protocol } from './types.js';

/** The lube pump must not run on: it is switched off this long after any spray command. */
const SPRAY_OFF_AFTER_MS = 1000;
const SPRAY_OFF = [0xa0, 0x24, 0x00, 0x00, 0x00, 0x00];

/**
 * JoyHub: the first four features (vibrate / rotate / oscillate, by feature index) share one
 * frame `A0 03 <f0> <f1> <f2> <f3> AA`. Other outputs have their own frames: constriction
 * `A0 07 …` on feature 4 and `A0 0D …` elsewhere, heating `A0 04`, light `A0 14`, lube `A0 24`
 * (switched off again after a second).
 */
export const joyhub: Protocol = {
  name: 'joyhub',
  create: ({ hardware, log }) => {
    const motors = new AllMotors('joyhub/motors', firstFeatures(4));
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const toggle = (code: number, on: boolean) =>
      write('tx', on ? [0xa0, code, 0x01, 0x00, 0x01, 0xff] : [0xa0, code, 0x00, 0x00, 0x00, 0x00]);
    return {
      output: (cmd) => {
        const v = cmd.value;
        switch (cmd.type) {
          case 'Vibrate':
          case 'Oscillate':
          case 'Rotate': {
            const levels =
              motors.set(cmd.featureIndex, Math.abs(v)) ??
              unhandled(`${cmd.type} on feature ${cmd.featureIndex}`);
            return [motors.write('tx', [0xa0, 0x03, ...levels, 0xaa])];
          }
          case 'Constrict':
            return [
              write(
                'tx',
                cmd.featureIndex === 4
                  ? [0xa0, 0x07, v === 0 ? 0x00 : 0x01, 0x00, v, 0xff]
                  : [0xa0, 0x0d, 0x00, 0x00, v, 0xff],
              ),
            ];
          case 'Temperature':
            return [toggle(0x04, v !== 0)];
          case 'Led':
            return [toggle(0x14, v !== 0)];
          case 'Spray': {
            const t = setTimeout(() => {
              timers.delete(t);
              hardware
                .write('tx', Uint8Array.from(SPRAY_OFF), false)
                .catch((err: unknown) =>
                  log('warn', `could not stop the lube pump: ${(err as Error).message}`),
                );
            }, SPRAY_OFF_AFTER_MS);
            timers.add(t);
            return [toggle(0x24, v !== 0)];
          }
          default:
            return unhandled(cmd.type);
        }
      },
      dispose: () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
      },
    };
  },
};
