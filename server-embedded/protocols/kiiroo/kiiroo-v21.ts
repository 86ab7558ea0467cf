import { PlugkitError } from '../../../sdk/protocol/index.js';
import type { Hardware } from '../../hardware/types.js';
import { launchSpeed, saturatingByte } from '../../../sdk/protocol/launch-speed.js';
import { unhandled, write, type OutputCommand, type ProtocolHandler, type Protocol } from '../types.js';

/** Length of the status block on the whitelist characteristic; byte 5 is the battery. */
const STATUS_LENGTH = 20;

const commError = (message: string) => new PlugkitError('ERROR_DEVICE', 'DeviceCommunicationError', message);

/**
 * The Kiiroo v2.1 command set: vibrate `01 <speed>` (0–100); strokes `03 00 <speed> <position>`
 * (position 0–99), the speed worked out from the distance to the last position and the
 * requested duration. Battery (where the model has it) is byte 5 of the 20-byte status block
 * read from the whitelist characteristic.
 */
export function kiirooV21Handler(hardware: Hardware): ProtocolHandler {
  let lastPosition = 0;
  return {
    output: (cmd: OutputCommand) => {
      if (cmd.type === 'Vibrate') return [write('tx', [0x01, cmd.value & 0xff])];
      if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
      const position = cmd.value & 0xff;
      const distance = Math.abs(lastPosition - position) / 99;
      const speed = saturatingByte(launchSpeed(distance, cmd.duration ?? 0) * 99);
      lastPosition = position;
      return [write('tx', [0x03, 0x00, speed, position])];
    },
    readInput: async (_featureIndex, type) => {
      if (type !== 'Battery') return unhandled(`reading ${type}`);
      if (!hardware.endpoints.includes('whitelist'))
        throw commError(`${hardware.name} has no whitelist characteristic to read the battery from.`);
      const data = await hardware.read('whitelist', STATUS_LENGTH, 5000);
      if (data.length !== STATUS_LENGTH)
        throw commError(
          `${hardware.name} sent a ${data.length}-byte status block; expected ${STATUS_LENGTH}.`,
        );
      return data[5]!;
    },
  };
}

/** Kiiroo v2.1 toys (Pearl 2.1/2+/3, Cliona, Titan 1.1, OhMiBod 4.0 range): no start-up exchange. */
export const kiirooV21: Protocol = {
  name: 'kiiroo-v21',
  create: ({ hardware }) => kiirooV21Handler(hardware),
};
