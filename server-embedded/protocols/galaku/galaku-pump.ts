import { galakuFrame } from './galaku-cipher.js';
import { unhandled, write, type Protocol } from '../types.js';

/** Both outputs share one frame: a newer frame replaces a waiting one. */
const FRAME_IDS = ['galaku-pump/frame'];

/**
 * Galaku pump (Nebula): oscillation and vibration in one encrypted frame,
 * payload `5A 00 00 01 60 03 <oscillate> <vibe> 00 00`, written with response.
 */
export const galakuPump: Protocol = {
  name: 'galaku-pump',
  create: () => {
    let oscillate = 0;
    let vibe = 0;
    return {
      output: (cmd) => {
        if (cmd.type === 'Oscillate') oscillate = cmd.value;
        else if (cmd.type === 'Vibrate') vibe = cmd.value;
        else return unhandled(cmd.type);
        return [
          write(
            'tx',
            galakuFrame([0x5a, 0x00, 0x00, 0x01, 0x60, 0x03, oscillate, vibe, 0x00, 0x00]),
            true,
            FRAME_IDS,
          ),
        ];
      },
    };
  },
};
