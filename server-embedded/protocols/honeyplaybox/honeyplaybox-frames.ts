import { md5 } from '../support/digests.js';
import { crc16Modbus } from '../support/crc16-modbus.js';

/** Start of every Honey Play Box frame: STX then a fixed 5-byte flag. */
const START = [0x02, 0xa5, 0x5a, 0x55, 0xaa, 0xf0] as const;
const ETX = 0x03;
/** Bytes before the payload: start (6), counter, type, command, length (2). */
const HEADER_LENGTH = 11;
/** Shared secret mixed into every command's MD5 signature. */
const SECRET = [
  0x8b, 0xe3, 0xfd, 0x04, 0x68, 0x35, 0x09, 0x86, 0x12, 0x1a, 0xbf, 0x03, 0x30, 0xe9, 0xe3, 0xc5,
];

/** `02 A5 5A 55 AA F0 <counter> <type> <cmd> <len16> <data> 03 <crc16 hi> <crc16 lo>`. */
export function buildFrame(type: number, cmd: number, data: readonly number[], counter: number): number[] {
  const body = [type, cmd, data.length >> 8, data.length & 0xff, ...data];
  const crc = crc16Modbus(body);
  return [...START, counter & 0xff, ...body.slice(0, 4), ...data, ETX, crc >> 8, crc & 0xff];
}

/**
 * Payload of a vibrate command (type B1, command 03): per motor `<pos<<4 | mode 1> 00 05
 * <6.0 s as 100 ms units, 16 bits> <freq 0, 16 bits> <strength>`, then the first 8 bytes of
 * MD5(type, cmd, length+8, motors, secret, session key).
 */
export function vibratePayload(sessionKey: readonly number[], strengths: readonly number[]): number[] {
  const data = strengths.flatMap((s, i) => [((i & 0x0f) << 4) | 0x01, 0x00, 0x05, 0x00, 60, 0x00, 0x00, s]);
  const signedLength = data.length + 8;
  const digest = md5(
    Uint8Array.from([0xb1, 0x03, signedLength >> 8, signedLength & 0xff, ...data, ...SECRET, ...sessionKey]),
  );
  return [...data, ...digest.subarray(0, 8)];
}

/** A parsed reply frame. */
export interface ReplyFrame {
  type: number;
  cmd: number;
  data: number[];
  /** First two data bytes (0x9000 = success), when present. */
  code?: number;
}

/** Reassembles frames from notification chunks (a frame may span several notifications). */
export class FrameCollector {
  private buffer: number[] = [];

  push(chunk: ArrayLike<number>): ReplyFrame[] {
    this.buffer.push(...Array.from(chunk));
    const frames: ReplyFrame[] = [];
    for (;;) {
      const at = this.findStart();
      if (at < 0) {
        this.buffer = [];
        break;
      }
      this.buffer.splice(0, at);
      if (this.buffer.length < HEADER_LENGTH) break;
      const length = (this.buffer[9]! << 8) | this.buffer[10]!;
      const total = HEADER_LENGTH + length + 3;
      if (this.buffer.length < total) break;
      if (this.buffer[HEADER_LENGTH + length] !== ETX) {
        this.buffer.splice(0, 1); // a false start: look for the next marker
        continue;
      }
      const frame = this.buffer.splice(0, total);
      const data = frame.slice(HEADER_LENGTH, HEADER_LENGTH + length);
      frames.push({
        type: frame[7]!,
        cmd: frame[8]!,
        data,
        ...(data.length >= 2 ? { code: (data[0]! << 8) | data[1]! } : {}),
      });
    }
    return frames;
  }

  private findStart(): number {
    outer: for (let i = 0; i + START.length <= this.buffer.length; i++) {
      for (let j = 0; j < START.length; j++) if (this.buffer[i + j] !== START[j]) continue outer;
      return i;
    }
    return -1;
  }
}

/** The 16-byte session key a successful handshake reply carries after its status code. */
export const sessionKeyOf = (frame: ReplyFrame): number[] | undefined =>
  frame.data.length >= 18 ? frame.data.slice(2, 18) : undefined;
