import { PlugkitError } from '../../../sdk/protocol/index.js';
import { galakuFrame } from './galaku-cipher.js';
import { AllMotors, firstFeatures } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';
import { nextReply } from '../support/notification-inbox.js';

/** The "Vision" pump speaks a plain 16-byte frame instead of the encrypted one. */
const CAIPING_PUMP_NAME = 'AC695X_1(BLE)';
const BATTERY_TIMEOUT_MS = 5000;

/**
 * Galaku: encrypted frames (see galaku-cipher). Single-motor toys send
 * `5A 00 00 01 31 <speed> 00 00 00 00`; two-motor toys send both levels in
 * `5A 00 00 01 40 03 <m0> <m1> 00 00`. Battery: the toy answers a `5A 00 00 01 13 …` query with a
 * notification on `rxblebattery` whose first byte is the percentage.
 */
export const galaku: Protocol = {
  name: 'galaku',
  create: ({ hardware, device }) => {
    const motors = device.features.filter((f) => f.outputs.length > 0).length;
    const caipingPump = hardware.name === CAIPING_PUMP_NAME;
    // Every Galaku motor write is one device-wide command, single-motor frames included.
    const levels = new AllMotors('galaku', firstFeatures(Math.max(motors, 2)));
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' && cmd.type !== 'Oscillate' && cmd.type !== 'Constrict')
          return unhandled(cmd.type);
        const v = cmd.value;
        if (motors === 1) {
          if (caipingPump) {
            const frame = new Array<number>(16).fill(0);
            frame.splice(0, 6, 0xaa, 0x01, 0x0a, 0x03, v, v === 0 ? 0 : 1);
            return [levels.write('tx', frame)];
          }
          return [levels.write('tx', galakuFrame([0x5a, 0x00, 0x00, 0x01, 0x31, v, 0x00, 0x00, 0x00, 0x00]))];
        }
        const [m0 = 0, m1 = 0] = levels.set(cmd.featureIndex, v) ?? unhandled(`feature ${cmd.featureIndex}`);
        return [levels.write('tx', galakuFrame([0x5a, 0x00, 0x00, 0x01, 0x40, 0x03, m0, m1, 0x00, 0x00]))];
      },
      readInput: async (_featureIndex, type) => {
        if (type !== 'Battery') return unhandled(`${type} reads`);
        await hardware.subscribe('rxblebattery');
        const reply = nextReply(hardware, BATTERY_TIMEOUT_MS, 'rxblebattery');
        await hardware.write(
          'tx',
          Uint8Array.from(galakuFrame([0x5a, 0x00, 0x00, 0x01, 0x13, 0x00, 0x00, 0x00, 0x00, 0x00])),
          true,
        );
        const data = await reply;
        if (!data || data.length < 1)
          throw new PlugkitError(
            'ERROR_DEVICE',
            'DeviceCommunicationError',
            `${hardware.name} did not report its battery level within ${BATTERY_TIMEOUT_MS} ms.`,
          );
        return data[0]!;
      },
    };
  },
};
