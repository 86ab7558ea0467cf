import { boolField, floatField, messageField, uintField } from '../support/protobuf-wire.js';
import { unhandled, write, type Protocol } from '../types.js';
import { nextNotification } from '../support/notification-inbox.js';

/** How long each handshake request may wait for the toy's answer. */
const ANSWER_MS = 2000;

/** RpcMessage { type: Request (1), request (field 2): Request { id (2), params (one field) } }. */
function rpcRequest(id: number, paramField: number, params: number[]): number[] {
  const request = [...uintField(2, id), ...messageField(paramField, params)];
  return [...uintField(1, 1), ...messageField(2, request)];
}

/** Request param field numbers of the handy_rpc schema. */
const PARAM = { batteryGet: 710, capabilitiesGet: 713, hdspXpTSet: 744, hvpSet: 900, hvpStop: 901 } as const;

/** Move to `position` (0–100) in `durationMs` and stop there (RequestHdspXpTSet). */
export const handyV3Move = (id: number, position: number, durationMs: number): number[] =>
  rpcRequest(id, PARAM.hdspXpTSet, [
    ...floatField(1, position / 100),
    ...uintField(2, durationMs),
    ...boolField(3, true),
  ]);

/** Vibrate at `speed` (0–100) as amplitude at 100 Hz (RequestHvpSet), or stop (RequestHvpStop). */
export const handyV3Vibrate = (id: number, speed: number): number[] =>
  speed === 0
    ? rpcRequest(id, PARAM.hvpStop, [])
    : rpcRequest(id, PARAM.hvpSet, [
        ...floatField(1, speed / 100),
        ...uintField(2, 100),
        ...floatField(3, 0),
      ]);

/**
 * The Handy with firmware 4+ (and the Oh!): protobuf RPC over BLE. The advertised name
 * `OHD_<hw>_<serial>` names the model (`hw3`, `hw4`, …). At connect plugkit subscribes to rx and
 * asks for the battery (id 1) and the capabilities (id 2), waiting for one answer to each (their
 * content is not needed); commands then carry a running id from 0 and are written with response.
 */
export const thehandyV3: Protocol = {
  name: 'thehandy-v3',
  identify: async (hardware) => {
    const parts = hardware.name.split('_');
    return { identifier: parts.length > 2 ? parts[1]! : 'unknown' };
  },
  create: async ({ hardware }) => {
    await hardware.subscribe('rx');
    for (const [id, field, what] of [
      [1, PARAM.batteryGet, 'the battery request'],
      [2, PARAM.capabilitiesGet, 'the capabilities request'],
    ] as const) {
      const answer = nextNotification(hardware, 'rx', ANSWER_MS, what);
      await hardware.write('tx', Uint8Array.from(rpcRequest(id, field, [])), false);
      await answer;
    }
    let seq = 0;
    const nextId = () => {
      const id = seq;
      seq = (seq + 1) >>> 0;
      return id;
    };
    return {
      output: (cmd) => {
        if (cmd.type === 'HwPositionWithDuration')
          return [write('tx', handyV3Move(nextId(), cmd.value, cmd.duration ?? 0), true)];
        if (cmd.type === 'Vibrate') return [write('tx', handyV3Vibrate(nextId(), cmd.value), true)];
        return unhandled(cmd.type);
      },
    };
  },
};
