import { doubleField, messageField, uintField } from '../support/protobuf-wire.js';
import { unhandled, write, type Protocol } from '../types.js';

/**
 * The Handy (firmware up to 3): "handyplug", protobuf messages modelled on Buttplug's own. A move
 * is a Payload holding one Message whose LinearCmd (field 403) carries id 2, device 0 and one
 * vector {index 0, duration ms, position 0.0–1.0}; written with response on tx. (The reference
 * skips the protocomm session set-up, and so does plugkit.)
 */
export function handyLinearCmd(position: number, durationMs: number): number[] {
  const vector = [...uintField(1, 0), ...uintField(2, durationMs), ...doubleField(3, position / 100)];
  const linear = [...uintField(1, 2), ...uintField(2, 0), ...messageField(3, vector)];
  const message = messageField(403, linear);
  return messageField(1, message);
}

export const thehandy: Protocol = {
  name: 'thehandy',
  create: () => ({
    output: (cmd) =>
      cmd.type === 'HwPositionWithDuration'
        ? [write('tx', handyLinearCmd(cmd.value, cmd.duration ?? 0), true)]
        : unhandled(cmd.type),
  }),
};
