import { unhandled, type Protocol } from './types.js';

/** Feature indexes of the two pressure readings (as in the device config). */
const NORMALIZED = 0;
const RAW = 1;

/**
 * KGoal Boost (pelvic-floor trainer): pressure notifications on rxpressure carry the
 * normalised reading in bytes 3–4 and the raw one in bytes 5–6 (big-endian). Feature 0 streams
 * the first, feature 1 the second; a reading is reported only when it changed. The device is
 * subscribed while either stream is wanted. Battery is the standard BLE battery service.
 */
export const kgoalBoost: Protocol = {
  name: 'kgoal-boost',
  create: ({ hardware, log, emitReading }) => {
    const wanted = new Set<number>();
    let last: [number, number] = [0, 0];
    const sub = hardware.notification$.subscribe((n) => {
      if (n.endpoint !== 'rxpressure' || wanted.size === 0) return;
      const d = n.data;
      if (d.length < 7) {
        log('warn', `ignoring a ${d.length}-byte pressure notification (need 7)`);
        return;
      }
      const values: [number, number] = [(d[3]! << 8) | d[4]!, (d[5]! << 8) | d[6]!];
      for (const f of [NORMALIZED, RAW])
        if (wanted.has(f) && values[f] !== last[f]) emitReading(f, 'Pressure', values[f]!);
      last = values;
    });
    const check = (featureIndex: number, type: string) => {
      if (type !== 'Pressure' || (featureIndex !== NORMALIZED && featureIndex !== RAW))
        unhandled(`${type} on feature ${featureIndex}`);
    };
    return {
      subscribeInput: async (featureIndex, type) => {
        check(featureIndex, type);
        if (wanted.has(featureIndex)) return;
        if (wanted.size === 0) {
          await hardware.subscribe('rxpressure');
          last = [0, 0];
        }
        wanted.add(featureIndex);
      },
      unsubscribeInput: async (featureIndex, type) => {
        check(featureIndex, type);
        if (!wanted.delete(featureIndex)) return;
        if (wanted.size === 0) await hardware.unsubscribe('rxpressure');
      },
      dispose: () => sub.unsubscribe(),
    };
  },
};
