import { unhandled, write, type Protocol } from './types.js';

/**
 * HTK breast massager: on/off per side, sent as one mode byte for both sides:
 * 11 = both, 12 = left only, 13 = right only, 15 = off.
 */
/** Both sides share one mode byte: a newer byte replaces a waiting one. */
const MODE_IDS = ['htk_bm/mode'];

export const htkBm: Protocol = {
  name: 'htk_bm',
  create: () => {
    const on = [false, false];
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (cmd.featureIndex > 1) return unhandled(`feature ${cmd.featureIndex}`);
        on[cmd.featureIndex] = cmd.value !== 0;
        const mode = on[0] && on[1] ? 11 : on[0] ? 12 : on[1] ? 13 : 15;
        return [write('tx', [mode], false, MODE_IDS)];
      },
    };
  },
};
