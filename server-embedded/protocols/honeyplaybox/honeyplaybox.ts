import { FrameCollector, buildFrame, sessionKeyOf, vibratePayload } from './honeyplaybox-frames.js';
import { unhandled, write, type HardwareCommand, type Protocol } from '../types.js';
import { HandshakeTimeoutError, nextReply } from '../support/notification-inbox.js';

/** Handshake retries: each wait is one second longer than the last; give up after this many. */
const HANDSHAKE_RETRIES = 3;
/** Each motor command lasts 6 s on the toy; it is refreshed when nothing was sent for this long. */
const KEEPALIVE_MS = 500;

/** The toy refused the handshake (any status other than 0x9000). */
export class HoneyPlayBoxHandshakeError extends Error {
  override readonly name = 'HoneyPlayBoxHandshakeError';
}

/**
 * Honey Play Box: framed, CRC-checked commands. The handshake (`B1 01 00 10`) returns status
 * 0x9000 and a 16-byte session key; every motor command (`B1 03`) then carries all motor
 * strengths and an MD5 signature over them, the shared secret and the key. A frame counter
 * increases with every frame. Commands are refreshed every 500 ms of silence. Battery is the
 * standard BLE battery level (read generically).
 */
export const honeyplaybox: Protocol = {
  name: 'honeyplaybox',
  create: async ({ hardware, device, log }) => {
    const motors = device.features.filter((f) => f.outputs.length > 0).length;
    await hardware.subscribe('rx');
    const collector = new FrameCollector();
    let counter = 0;
    let timeouts = 0;
    let key: number[] | undefined;
    handshake: for (;;) {
      // Listen before writing so a fast reply is not missed.
      let reply = nextReply(hardware, (timeouts + 1) * 1000, 'rx');
      await hardware.write('tx', Uint8Array.from(buildFrame(0xb1, 0x01, [0x00, 0x10], counter)), true);
      counter = (counter + 1) & 0xff;
      for (let attempt = 0; attempt < 3; attempt++) {
        if (attempt > 0) reply = nextReply(hardware, (timeouts + 1) * 1000, 'rx');
        const chunk = await reply;
        if (!chunk) {
          if (++timeouts > HANDSHAKE_RETRIES)
            throw new HandshakeTimeoutError(`no handshake reply after ${HANDSHAKE_RETRIES} retries`);
          continue;
        }
        for (const frame of collector.push(chunk)) {
          if (frame.code === undefined) log('warn', 'handshake reply without a status code');
          else if (frame.code !== 0x9000)
            throw new HoneyPlayBoxHandshakeError(
              `handshake refused with status ${frame.code.toString(16).padStart(4, '0')}`,
            );
          else if ((key = sessionKeyOf(frame))) break handshake;
          else log('warn', 'handshake reply without a session key');
        }
      }
    }
    const sessionKey = key;
    if (!sessionKey) throw new HoneyPlayBoxHandshakeError('handshake ended without a session key');
    const strengths = new Array<number>(motors).fill(0);
    let packetId = counter;
    const motorFrame = (): HardwareCommand => {
      packetId = (packetId + 1) & 0xff;
      return write('tx', buildFrame(0xb1, 0x03, vibratePayload(sessionKey, strengths), packetId), true);
    };
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate' && cmd.type !== 'Oscillate' && cmd.type !== 'Rotate')
          return unhandled(cmd.type);
        if (cmd.featureIndex >= motors) return unhandled(`feature ${cmd.featureIndex}`);
        strengths[cmd.featureIndex] = Math.abs(cmd.value);
        return [motorFrame()];
      },
      keepalive: { intervalMs: KEEPALIVE_MS, packet: motorFrame },
    };
  },
};
