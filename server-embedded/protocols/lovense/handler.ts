import type { ProtocolContext, ProtocolHandler, HardwareCommand, OutputCommand } from '../types.js';
import { AllMotors } from '../support/all-motors.js';
import { ascii, unhandled, write } from '../types.js';
import { readLovenseBattery } from './battery.js';
import { lovenseLayout, motorFeatures } from './layout.js';
import { StrokeMover } from './stroke.js';

const send = (text: string, ids?: readonly string[]): HardwareCommand[] => [
  write('tx', ascii(text), false, ids),
];
/** Rotation speed and direction flips are tracked apart, as the reference tags them. */
const ROTATE_IDS = ['lovense/rotate'];
const ROTATE_CHANGE_IDS = ['lovense/rotate-change'];

/**
 * Builds the handler for a resolved Lovense model. Lovense speaks semicolon-terminated text on
 * `tx`; answers (battery) come back on `rx`, which identification already subscribed.
 *
 * No keepalive: the reference repeats `DeviceType;` only on platforms whose BLE stack demands
 * traffic (iOS), which plugkit does not run on.
 */
export function createLovenseHandler(ctx: ProtocolContext): ProtocolHandler {
  const model = ctx.device.identifier;
  const layout = lovenseLayout(model, ctx.device.features);
  const motors = motorFeatures(ctx.device.features);
  /** Position of a feature among the motors: the toy's 1-based motor number minus one. */
  const slot = (cmd: OutputCommand): number => {
    const i = motors.findIndex((f) => f.index === cmd.featureIndex);
    return i < 0 ? unhandled(`feature ${cmd.featureIndex}`) : i;
  };
  const battery = {
    readInput: async (_featureIndex: number, type: string) =>
      type === 'Battery' ? readLovenseBattery(ctx.hardware, ctx.log) : unhandled(`reading ${type}`),
  };
  ctx.log('debug', `model ${model || '(unknown)'} uses the ${layout} command layout`);

  switch (layout) {
    case 'single':
      return {
        ...battery,
        output: (cmd) =>
          cmd.type === 'Vibrate' || cmd.type === 'Oscillate'
            ? send(`Vibrate:${cmd.value};`)
            : unhandled(cmd.type),
      };
    case 'max':
      return {
        ...battery,
        output: (cmd) => {
          if (cmd.type === 'Vibrate' || cmd.type === 'Oscillate') return send(`Vibrate:${cmd.value};`);
          if (cmd.type === 'Constrict') return send(`Air:Level:${cmd.value};`);
          return unhandled(cmd.type);
        },
      };
    case 'dual':
      return {
        ...battery,
        output: (cmd) =>
          cmd.type === 'Vibrate' || cmd.type === 'Oscillate'
            ? send(`Vibrate${slot(cmd) + 1}:${cmd.value};`)
            : unhandled(cmd.type),
      };
    case 'mply': {
      // `Mply` carries every motor, in the toy's motor order.
      const mply = new AllMotors(
        'lovense/mply',
        motors.map((f) => f.index),
      );
      return {
        ...battery,
        output: (cmd) => {
          if (cmd.type !== 'Vibrate' && cmd.type !== 'Rotate') return unhandled(cmd.type);
          const speeds =
            mply.set(cmd.featureIndex, Math.abs(cmd.value)) ?? unhandled(`feature ${cmd.featureIndex}`);
          return [mply.write('tx', ascii(`Mply:${speeds.join(':')};`))];
        },
      };
    }
    case 'rotator': {
      // As the reference does, every counter-clockwise (negative) request is preceded by
      // `RotateChange;`; the toy's current direction is not tracked.
      return {
        ...battery,
        output: (cmd) => {
          if (cmd.type === 'Vibrate') return send(`Vibrate:${cmd.value};`);
          if (cmd.type !== 'Rotate') return unhandled(cmd.type);
          return [
            ...(cmd.value < 0 ? send('RotateChange;', ROTATE_CHANGE_IDS) : []),
            ...send(`Rotate:${Math.abs(cmd.value)};`, ROTATE_IDS),
          ];
        },
      };
    }
    case 'stroker': {
      // The Solace (H) needs its stroke length zeroed to really stop; the Solace Pro keeps 20.
      const zeroStrokeOnStop = model === 'H';
      const mover = new StrokeMover(ctx.hardware, ctx.log);
      return {
        ...battery,
        output: (cmd) => {
          if (cmd.type === 'Oscillate') {
            const stroke = cmd.value === 0 && zeroStrokeOnStop ? 0 : 20;
            return send(`Mply:${cmd.value}:${stroke};`);
          }
          if (cmd.type === 'HwPositionWithDuration') {
            mover.moveTo(cmd.value, cmd.duration ?? 0);
            return [];
          }
          return unhandled(cmd.type);
        },
        dispose: () => mover.dispose(),
      };
    }
  }
}
