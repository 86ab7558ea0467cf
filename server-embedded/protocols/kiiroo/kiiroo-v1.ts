import { ascii, unhandled, write, type HardwareCommand, type Protocol } from '../types.js';

/** Closest spacing of Onyx steps (BLE drops writes sent closer together). */
const MIN_STEP_MS = 75;

/** Kiiroo's first-generation text command: a level 0–4 then ",\n". */
const level = (n: number): HardwareCommand => write('tx', ascii(`${n},\n`));

/**
 * Kiiroo first generation (Pearl vibrator, Onyx stroker): ASCII levels 0–4 on tx. At connect the
 * toy is subscribed on rx, put in mode `01 00` (command endpoint) and sent to level 0.
 * The Onyx only knows five positions, counted from the top (so positions are mirrored), and
 * moves as fast as it can; a move with a duration is paced by stepping one level at a time
 * across it (at least 75 ms apart). Facts from the retired Buttplug C# server (Kiiroo.cs, BSD-3).
 */
export const kiirooV1: Protocol = {
  name: 'kiiroo-v1',
  async create({ hardware, log }) {
    await hardware.subscribe('rx');
    await hardware.write('command', Uint8Array.from([0x01, 0x00]), true);
    await hardware.write('tx', ascii('0,'), true);
    let current = 0;
    let stepTimer: ReturnType<typeof setTimeout> | undefined;
    const cancelMove = () => {
      if (stepTimer) clearTimeout(stepTimer);
      stepTimer = undefined;
    };
    return {
      output(cmd) {
        if (cmd.type === 'Vibrate') return [level(cmd.value)];
        if (cmd.type !== 'HwPositionWithDuration') return unhandled(cmd.type);
        cancelMove();
        const target = 4 - cmd.value;
        const steps = Math.abs(target - current);
        if (steps === 0) return [level(current)];
        const direction = Math.sign(target - current);
        // One level per step, never closer than BLE pacing allows. The steps go straight to the
        // toy on this timer (not through the device queue) so they stay in order.
        const every = Math.max((cmd.duration ?? 0) / steps, MIN_STEP_MS);
        const step = (left: number) => {
          current += direction;
          hardware.write('tx', ascii(`${current},\n`), false).catch((err: unknown) => {
            log('warn', `Onyx step failed: ${(err as Error).message}`);
            cancelMove();
          });
          if (left > 1) {
            stepTimer = setTimeout(() => step(left - 1), every);
            (stepTimer as { unref?: () => void }).unref?.();
          }
        };
        step(steps);
        return [];
      },
      dispose: cancelMove,
    };
  },
};
