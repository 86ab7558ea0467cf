import type { Hardware } from '../hardware/types.js';
import type { ProtocolContext } from './types.js';
import { unhandled, type Protocol } from './types.js';

/** The Joy-Con stops rumbling unless it gets a rumble report this often. */
export const JOYCON_REPORT_MS = 15;
/** Frequency used for all rumble, in Hz. */
const RUMBLE_HZ = 200;

const f32 = Math.fround;
/** Float → u8 the way a saturating cast does it (NaN → 0). */
const u8 = (x: number) => (Number.isNaN(x) ? 0 : Math.min(255, Math.max(0, Math.trunc(x))));

/**
 * The 4-byte HD-rumble encoding for one side: frequency (Hz, 0–1252) and amplitude (0–1.799),
 * both coded on a log scale into a high-band and a low-band part.
 */
export function encodeRumble(frequency: number, amplitude: number): [number, number, number, number] {
  const freq = f32(Math.min(1252, Math.max(0, frequency)));
  const amp = f32(Math.min(1.799, Math.max(0, amplitude)));
  const freqCode = u8(Math.round(f32(f32(Math.log2(f32(freq / 10))) * 32)));
  const hfFreq = (Math.max(0, freqCode - 0x60) * 4) & 0xffff;
  const lfFreq = Math.max(0, freqCode - 0x41) + 1;
  let ampCode: number;
  if (amp > f32(0.23)) ampCode = u8(Math.round(f32(f32(Math.log2(f32(amp * f32(8.7)))) * 32)));
  else if (amp > f32(0.12)) ampCode = u8(Math.round(f32(f32(Math.log2(f32(amp * 17))) * 16)));
  else ampCode = u8(Math.round(f32(f32(f32(f32(Math.log2(amp)) * 32) - 96) / f32(4 - f32(2 * amp)))));
  const hfAmp = Math.min(0x1fc, ampCode * 2);
  const lfAmp = Math.min(0x7f, (ampCode >> 1) + 64);
  // Byte 2 is the low-band frequency plus the amplitude's bit 8 (zero for every amplitude coded here).
  return [
    hfFreq & 0xff,
    (hfAmp + ((hfFreq >> 8) & 0xff)) & 0xff,
    Math.min(255, lfFreq + (lfAmp >> 8)),
    lfAmp,
  ];
}

/** A 64-byte output report: command, packet number, left and right rumble, sub-command, its data. */
export function joyconReport(
  command: number,
  packet: number,
  subCommand: number,
  data: number[],
  rumble?: [number, number, number, number],
): Uint8Array {
  const buf = new Uint8Array(0x40);
  buf[0] = command;
  buf[1] = packet;
  if (rumble) {
    buf.set(rumble, 2);
    buf.set(rumble, 6);
  }
  buf[10] = subCommand;
  buf.set(data, 11);
  return buf;
}

/** Rumble report for a vibration level 0–1000 (both sides alike). */
export const rumbleReport = (level: number): Uint8Array => {
  const amp = f32(level / 1000);
  const rumble = amp > f32(0.001) ? encodeRumble(RUMBLE_HZ, amp) : encodeRumble(0, 0);
  return joyconReport(0x10, 1, 0, [], rumble);
};

/** Sends the current rumble every 15 ms until disposed or a write fails. */
class RumbleLoop {
  level = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly hardware: Hardware,
    private readonly log: ProtocolContext['log'],
  ) {
    this.send();
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private send(): void {
    if (this.stopped) return;
    this.hardware.write('tx', rumbleReport(this.level), false).then(
      () => {
        if (!this.stopped) this.timer = setTimeout(() => this.send(), JOYCON_REPORT_MS);
      },
      (err: unknown) => {
        this.log('warn', `Joy-Con rumble loop stopped: ${(err as Error).message}`);
        this.stopped = true;
      },
    );
  }
}

/**
 * Nintendo Joy-Con (HID): enable vibration (sub-command 0x48 = 1), then stream rumble reports
 * (command 0x10) continuously; a vibrate command only changes the level the stream carries.
 */
export const nintendoJoycon: Protocol = {
  name: 'nintendo-joycon',
  create: async ({ hardware, log }) => {
    try {
      await hardware.write('tx', joyconReport(0x01, 0, 0x48, [0x01]), false);
    } catch (err) {
      throw new Error(`cannot enable Joy-Con vibration: ${(err as Error).message}`, { cause: err });
    }
    const loop = new RumbleLoop(hardware, log);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        loop.level = cmd.value;
        return [];
      },
      dispose: () => loop.dispose(),
    };
  },
};
