import type { OutputType } from '../../../sdk/protocol/index.js';
import { galakuFrame } from './galaku-cipher.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, type Protocol } from '../types.js';

/**
 * Galaku pump (Nebula): oscillation and vibration in one encrypted frame,
 * payload `5A 00 00 01 60 03 <oscillate> <vibe> 00 00`, written with response.
 */
export const galakuPump: Protocol = {
  name: 'galaku-pump',
  create: () => {
    const frame = new AllMotors<OutputType>('galaku-pump/frame', ['Oscillate', 'Vibrate']);
    return {
      output: (cmd) => {
        const [oscillate = 0, vibe = 0] = frame.set(cmd.type, cmd.value) ?? unhandled(cmd.type);
        return [
          frame.write(
            'tx',
            galakuFrame([0x5a, 0x00, 0x00, 0x01, 0x60, 0x03, oscillate, vibe, 0x00, 0x00]),
            true,
          ),
        ];
      },
    };
  },
};
