import type { OutputCommand } from '../types.js';
import { AllMotors } from '../support/all-motors.js';
import { unhandled, write, type HardwareCommand, type Protocol } from '../types.js';

/** Vorze device codes: the first byte of every packet. */
const DEVICE = { cyclone: 1, ufo: 2, piston: 3, ufoTw: 5, bach: 6, rocket: 7, omorfi: 9 } as const;
/** Action codes for single-output models. */
const ROTATE = 1;
const VIBRATE = 3;

/** The dual toys restate both motors in every packet (one device-wide write id). */
const BOTH = 'vorze-both';

/** Direction bit (set for clockwise) and speed, the Vorze rotation byte. */
const rotationByte = (value: number) => (value >= 0 ? 0x80 : 0x00) | (Math.abs(value) & 0x7f);

/**
 * Piston speed for a move of `distance` (0–200 position units) in `durationMs`, from the
 * reference's fitted curve: the duration is scaled to a full-length stroke, then
 * speed = (duration / 6658)^-1.21, clamped to 0–100. No move at all asks for full speed.
 */
export function vorzePistonSpeed(distance: number, durationMs: number): number {
  if (distance <= 0) return 100;
  const d = Math.min(distance, 200);
  const fullStroke = (200 * durationMs) / d;
  const speed = Math.pow(fullStroke / 6658, -1.21);
  return Math.trunc(Math.min(100, Math.max(0, speed)));
}

type Handler = (cmd: OutputCommand) => HardwareCommand[];

/**
 * Vorze SA family (A10 Cyclone SA, UFO SA/TW, Bach, Rocket, Omorfi, Piston). The config's
 * protocol variant picks the packet shape; single-output variants also need the advertised name
 * to pick the device code. Every packet is written with response.
 */
export const vorzeSa: Protocol = {
  name: 'vorze-sa',
  create: ({ device, hardware }) => {
    const name = hardware.name.toLowerCase();
    const variant = device.protocolVariant;
    const fail = (): never => {
      throw new Error(`no Vorze packet shape for "${hardware.name}" (variant ${variant ?? 'none'})`);
    };
    let handler: Handler;
    switch (variant) {
      case 'vorze-sa-single-rotator': {
        const code = name.includes('cycsa') ? DEVICE.cyclone : name.includes('ufo') ? DEVICE.ufo : fail();
        handler = (cmd) =>
          cmd.type === 'Rotate'
            ? [write('tx', [code, ROTATE, rotationByte(cmd.value)], true)]
            : unhandled(cmd.type);
        break;
      }
      case 'vorze-sa-dual-rotator': {
        const motors = new AllMotors(BOTH, [0, 1]);
        handler = (cmd) => {
          if (cmd.type !== 'Rotate') return unhandled(cmd.type);
          const [a = 0, b = 0] = motors.set(cmd.featureIndex === 0 ? 0 : 1, cmd.value) ?? [];
          return [motors.write('tx', [DEVICE.ufoTw, rotationByte(a), rotationByte(b)], true)];
        };
        break;
      }
      case 'vorze-sa-single-vibrator': {
        const code = name.includes('bach') ? DEVICE.bach : name.includes('rocket') ? DEVICE.rocket : fail();
        handler = (cmd) =>
          cmd.type === 'Vibrate'
            ? [write('tx', [code, VIBRATE, cmd.value & 0xff], true)]
            : unhandled(cmd.type);
        break;
      }
      case 'vorze-sa-dual-vibrator': {
        if (!name.includes('omor')) fail();
        const motors = new AllMotors(BOTH, [0, 1]);
        handler = (cmd) => {
          if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
          const [a = 0, b = 0] = motors.set(cmd.featureIndex === 0 ? 0 : 1, cmd.value & 0xff) ?? [];
          return [motors.write('tx', [DEVICE.omorfi, a, b], true)];
        };
        break;
      }
      case 'vorze-sa-piston': {
        let previous = 0;
        handler = (cmd) => {
          if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
          const position = cmd.value & 0xff;
          const speed = vorzePistonSpeed(Math.abs(previous - position), cmd.duration ?? 0);
          previous = position;
          return [write('tx', [DEVICE.piston, position, speed], true)];
        };
        break;
      }
      default:
        return fail();
    }
    return { output: handler };
  },
};
