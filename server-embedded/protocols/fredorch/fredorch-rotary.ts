import { unhandled, write, type Protocol } from '../types.js';
import { nextReply, sleep } from '../support/notification-inbox.js';

const TICK_MS = 100;
const frame = (code: number) => Uint8Array.of(0x55, 0x03, code, (code + 3) & 0xff, 0xaa);
const STOP = 0x24;
const FASTER = 0x01;
const SLOWER = 0x02;

/** Handshake, password, power on, stop — each answered (or not) within a tick. */
const INIT: readonly number[][] = [
  [0x55, 0x03, 0x99, 0x9c, 0xaa],
  [0x55, 0x09, 0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a, 0xaa],
  [0x55, 0x03, 0x1f, 0x22, 0xaa],
  [0x55, 0x03, 0x24, 0x27, 0xaa],
];

/**
 * Fredorch rotary machines (M1_*): the speed cannot be set directly, only stepped up or down
 * one level per frame (`55 03 01 04 AA` / `55 03 02 05 AA`) or stopped (`55 03 24 27 AA`). A loop
 * steps the current level towards the requested one; the toy gives no state feedback.
 */
export const fredorchRotary: Protocol = {
  name: 'fredorch-rotary',
  create: async ({ hardware, log }) => {
    log('info', 'this toy reports no state; if it beeps twice it has powered off and must be reconnected');
    await hardware.subscribe('rx');
    for (const f of INIT) {
      const reply = nextReply(hardware, TICK_MS);
      await hardware.write('tx', Uint8Array.from(f), false);
      await reply;
    }
    let current = 0;
    let target = 0;
    let running = true;
    void (async () => {
      while (running) {
        if (target === current) {
          await sleep(TICK_MS);
          continue;
        }
        const code = target === 0 ? STOP : target > current ? FASTER : SLOWER;
        try {
          await hardware.write('tx', frame(code), false);
        } catch (err) {
          if (running) log('warn', `speed loop stopped: ${(err as Error).message}`);
          return;
        }
        current = target === 0 ? 0 : code === FASTER ? current + 1 : current - 1;
      }
    })();
    return {
      output: (cmd) => {
        if (cmd.type !== 'Oscillate') return unhandled(cmd.type);
        target = cmd.value;
        if (target !== 0) return [];
        current = 0;
        return [write('tx', frame(STOP))];
      },
      dispose: () => {
        running = false;
      },
    };
  },
};
