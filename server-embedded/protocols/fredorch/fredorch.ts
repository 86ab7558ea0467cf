import { crc16Modbus } from '../support/crc16-modbus.js';
import { unhandled, write, type Protocol } from '../types.js';
import { HandshakeTimeoutError, nextReply } from '../support/notification-inbox.js';

const REPLY_TIMEOUT_MS = 500;
/** Each program frame replaces the toy's whole motion: a newer one replaces a waiting one. */
const FRAME_IDS = ['fredorch/program'];

/**
 * Stroke time in ms the toy needs per (distance 1–15, speed 1–20): the first speed whose time is
 * below the requested duration is the one to use.
 */
const STROKE_MS: readonly (readonly number[])[] = [
  [1000, 800, 400, 235, 200, 172, 155, 92, 60, 45, 38, 34, 32, 28, 27, 26, 25, 24, 23, 22],
  [1500, 1000, 800, 680, 600, 515, 425, 265, 165, 115, 80, 70, 50, 48, 45, 35, 34, 33, 32, 30],
  [2500, 2310, 1135, 925, 792, 695, 565, 380, 218, 155, 105, 82, 70, 68, 65, 60, 48, 45, 43, 40],
  [3000, 2800, 1500, 1155, 965, 810, 690, 465, 260, 195, 140, 110, 85, 75, 74, 73, 70, 65, 60, 55],
  [3400, 3232, 2305, 1380, 1200, 1165, 972, 565, 328, 235, 162, 132, 98, 78, 75, 74, 73, 72, 71, 70],
  [3500, 3350, 2500, 1640, 1250, 1210, 1010, 645, 385, 275, 175, 160, 115, 95, 91, 90, 85, 80, 77, 75],
  [3600, 3472, 2980, 2060, 1560, 1275, 1132, 738, 430, 310, 230, 170, 128, 122, 110, 108, 105, 103, 101, 100],
  [3800, 3500, 3055, 2105, 1740, 1370, 1290, 830, 490, 355, 235, 195, 150, 140, 135, 132, 130, 125, 120, 119],
  [
    3900, 3518, 3190, 2315, 2045, 1510, 1442, 1045, 552, 392, 280, 225, 172, 145, 140, 138, 135, 134, 132,
    130,
  ],
  [
    6000, 5755, 3240, 2530, 2135, 1605, 1500, 1200, 595, 425, 285, 245, 175, 170, 160, 155, 150, 145, 142,
    140,
  ],
  [
    6428, 5872, 3335, 2780, 2270, 1782, 1590, 1310, 648, 470, 315, 255, 182, 180, 175, 172, 170, 162, 160,
    155,
  ],
  [
    6730, 5950, 3490, 2995, 2395, 1890, 1650, 1350, 700, 500, 350, 290, 220, 190, 185, 180, 175, 170, 165,
    160,
  ],
  [
    6962, 6122, 3880, 3205, 2465, 1900, 1700, 1400, 835, 545, 375, 310, 228, 195, 190, 185, 182, 181, 180,
    175,
  ],
  [
    7945, 6365, 4130, 3470, 2505, 1910, 1755, 1510, 855, 580, 400, 330, 235, 210, 205, 200, 195, 190, 185,
    180,
  ],
  [
    8048, 7068, 4442, 3708, 2668, 1930, 1800, 1520, 878, 618, 428, 365, 260, 255, 250, 240, 230, 220, 210,
    200,
  ],
];

/** The toy's speed step (1–20) for moving `distance` positions in `durationMs`; 0 for no move. */
export function fredorchSpeed(distance: number, durationMs: number): number {
  const d = Math.min(Math.max(distance, 0), 15);
  if (d === 0) return 0;
  const row = STROKE_MS[d - 1]!;
  const i = row.findIndex((ms) => ms < durationMs);
  return i === -1 || i >= 19 ? 20 : i + 1;
}

/** Appends the Modbus CRC, low byte first (the order the toy checks). */
const withCrc = (frame: number[]): number[] => {
  const crc = crc16Modbus(frame);
  return [...frame, crc & 0xff, crc >> 8];
};

/** "Move between `from` and `to` at `speed`" program frame (positions in the toy's 0–150 units). */
const moveFrame = (speed: number, from: number, to: number) =>
  withCrc([
    0x01,
    0x10,
    0x00,
    0x6b,
    0x00,
    0x05,
    0x0a,
    0x00,
    speed,
    0x00,
    speed,
    0x00,
    from,
    0x00,
    to,
    0x00,
    0x01,
  ]);

/** Modbus-style register writes that put the toy into a repeating program it then follows. */
const INIT: readonly [string, number[]][] = [
  ['program mode', [0x01, 0x06, 0x00, 0x64, 0x00, 0x01]],
  ['record mode', [0x01, 0x06, 0x00, 0x69, 0x00, 0x00]],
  [
    'move to 0 at speed 5',
    [0x01, 0x10, 0x00, 0x6b, 0x00, 0x05, 0x0a, 0x00, 0x05, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],
  ],
  ['run the program', [0x01, 0x06, 0x00, 0x69, 0x00, 0x01]],
  ['repeat the program', [0x01, 0x06, 0x00, 0x6a, 0x00, 0x01]],
];

/**
 * Fredorch (YXlinks stroker): Modbus-like frames with a CRC over `rx`/`tx`. Init waits briefly for
 * a wake-up notification, then each of five program writes must be acknowledged within 500 ms.
 * Positions 0–15 map to 0–150; the speed comes from a stroke-time table, for the distance from
 * the last commanded position (the toy reports none), starting from the init position 0.
 */
export const fredorch: Protocol = {
  name: 'fredorch',
  create: async ({ hardware, log }) => {
    await hardware.subscribe('rx');
    const wake = await nextReply(hardware, REPLY_TIMEOUT_MS);
    if (wake) log('debug', `woke up: ${[...wake].join(' ')}`);
    for (const [step, frame] of INIT) {
      const ack = nextReply(hardware, REPLY_TIMEOUT_MS);
      await hardware.write('tx', Uint8Array.from(withCrc(frame)), false);
      if (!(await ack))
        throw new HandshakeTimeoutError(`no reply to "${step}" within ${REPLY_TIMEOUT_MS} ms`);
    }
    let previous = 0;
    return {
      output: (cmd) => {
        if (cmd.type === 'HwPositionWithDuration') {
          const speed = fredorchSpeed(Math.abs(previous - cmd.value), cmd.duration ?? 0);
          const pos = (cmd.value * 10) & 0xff;
          previous = cmd.value;
          return [write('tx', moveFrame(speed, pos, pos), false, FRAME_IDS)];
        }
        if (cmd.type === 'Oscillate')
          return [write('tx', moveFrame(cmd.value, 0, cmd.value === 0 ? 0 : 225), false, FRAME_IDS)];
        return unhandled(cmd.type);
      },
    };
  },
};
