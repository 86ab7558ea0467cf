import type { Hardware } from '../hardware/types.js';
import { AllMotors, motorFeatureIndexes } from './support/all-motors.js';
import { unhandled, type Protocol, type ProtocolContext } from './types.js';

/** How long the model-number read may take before the handshake gives up (reference: 500 ms). */
const MODEL_READ_TIMEOUT_MS = 500;
/** Satisfyers stop on their own unless the last packet is repeated this often. */
const KEEPALIVE_MS = 3000;

/** A 4-byte big-endian model number as the decimal string the device config lists ("10160"). */
const modelNumber = (data: ArrayLike<number>): string | undefined =>
  data.length === 4
    ? String(((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0)
    : undefined;

async function identify(
  hardware: Hardware,
  log: ProtocolContext['log'],
  advertisement?: ProtocolContext['advertisement'],
) {
  // Newer toys advertise the model number; older ones answer a read of the model characteristic.
  for (const md of advertisement?.manufacturerData ?? []) {
    const model = modelNumber(md.data);
    if (model) return { identifier: model };
  }
  const data = await hardware.read('rxblemodel', 128, MODEL_READ_TIMEOUT_MS);
  const model = modelNumber(data);
  if (model) return { identifier: model };
  log('warn', `model read gave ${data.length} bytes instead of 4; using the generic Satisfyer definition`);
  return { identifier: '0' };
}

/**
 * Satisfyer: after `01` on the command endpoint, every write to `tx` carries all motors, each
 * speed (0–100) repeated four times, in feature order; the last packet is repeated as keepalive.
 */
export const satisfyer: Protocol = {
  name: 'satisfyer',
  identify,
  create: async (ctx) => {
    await ctx.hardware.write('command', Uint8Array.of(0x01), true);
    const motors = new AllMotors('satisfyer', motorFeatureIndexes(ctx.device));
    return {
      keepalive: { intervalMs: KEEPALIVE_MS },
      output: (cmd) => {
        const speeds = cmd.type === 'Vibrate' ? motors.set(cmd.featureIndex, cmd.value) : undefined;
        if (!speeds) return unhandled(cmd.type);
        return [
          motors.write(
            'tx',
            speeds.flatMap((s) => [s, s, s, s]),
          ),
        ];
      },
    };
  },
};
