/**
 * A user device config adding "Gap Demo": a two-motor toy on the Aneros protocol whose config sets
 * a 60 ms message gap, so tests can watch a BLE-paced toy's pacing (`simulate: ['Gap Demo']`,
 * `userDeviceConfigTexts: [GAP_DEMO_CONFIG]`). It shows up as "Gap Vivi".
 */
export const GAP_DEMO_CONFIG = JSON.stringify({
  version: { major: 4, minor: 0 },
  user_configs: {
    protocols: {
      aneros: {
        configurations: [
          {
            identifier: ['Gap Demo'],
            name: 'Gap Vivi',
            id: 'gap',
            message_gap_ms: 60,
            features: [
              { index: 0, id: 'g0', output: { vibrate: { value: [0, 127] } } },
              { index: 1, id: 'g1', output: { vibrate: { value: [0, 127] } } },
            ],
          },
        ],
        communication: [
          {
            btle: {
              names: ['Gap Demo'],
              services: {
                '0000ff00-0000-1000-8000-00805f9b34fb': { tx: '0000ff01-0000-1000-8000-00805f9b34fb' },
              },
            },
          },
        ],
      },
    },
  },
});
