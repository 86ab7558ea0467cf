/** The dashboard's model and per-page feeds: folding events, coalescing, and staying bounded. */
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../server-embedded/index.js';
import {
  DashboardState,
  DEFAULT_LIMITS,
  type DeviceSource,
} from '../../../server-embedded/dashboard/state.js';
import type { DeviceView } from '../../../server-embedded/dashboard/messages.js';

const vivi = (index: number): DeviceView => ({
  index,
  name: 'Aneros Vivi',
  address: `sim-${index}`,
  protocol: 'aneros',
  simulated: true,
  features: [
    { index: 0, description: '', outputs: [{ type: 'Vibrate', steps: 127, signed: false }], inputs: [] },
    {
      index: 1,
      description: '',
      outputs: [{ type: 'Vibrate', steps: 127, signed: false }],
      inputs: [{ type: 'Battery', commands: ['Read'] }],
    },
  ],
});

const source = (devices: DeviceView[] = []): DeviceSource => ({
  describe: (i) => vivi(i),
  list: () => devices,
});

/** The server's event for an Aneros Vivi arriving at `deviceIndex`. */
const viviAdded = (deviceIndex: number): ServerEvent => ({
  kind: 'device-added',
  at: 0,
  deviceIndex,
  name: 'Aneros Vivi',
  address: 'a',
  protocol: 'aneros',
});

const output = (at: number, deviceIndex: number, featureIndex: number, level: number): ServerEvent => ({
  kind: 'output',
  at,
  deviceIndex,
  featureIndex,
  outputType: 'Vibrate',
  level,
  steps: Math.round(level * 127),
});

describe('DashboardState', () => {
  it('starts from the devices already connected and lists them by index', () => {
    const state = new DashboardState(source([vivi(3), vivi(1)]));
    expect(state.deviceList().map((d) => d.index)).toEqual([1, 3]);
  });

  it('sends a page every sample of an output since the last update, then nothing', () => {
    const state = new DashboardState(source());
    const feed = state.attach();
    state.apply(viviAdded(0));
    for (let i = 0; i < 10; i++) state.apply(output(10 * i, 0, 0, i / 10));
    const update = feed.take(1, 100, state);
    expect(update.seq).toBe(1);
    expect(update.devices?.map((d) => d.index)).toEqual([0]);
    expect(update.samples).toHaveLength(1);
    const [d, f, type, points] = update.samples[0]!;
    expect([d, f, type]).toEqual([0, 0, 'Vibrate']);
    expect(points.filter((_, i) => i % 2 === 1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(update.log.map((l) => l[1])).toEqual(['device']);
    expect(update.skipped).toBe(0);
    expect(feed.empty).toBe(true);
    const next = feed.take(2, 200, state);
    expect(next.devices).toBeUndefined();
    expect(next.samples).toEqual([]);
  });

  it('keeps what a page that does not read may hold bounded, and counts what it let go', () => {
    const limits = { ...DEFAULT_LIMITS, samplesPerOutput: 64, logPerUpdate: 50 };
    const state = new DashboardState(source(), limits);
    const feed = state.attach();
    // An hour at 100 Hz on 16 devices' two motors would be millions; 20 000 events make the point.
    for (let i = 0; i < 20_000; i++) {
      state.apply(output(i, i % 16, (i >> 4) % 2, (i % 100) / 100));
      state.apply({ kind: 'message-in', at: i, json: `[{"OutputCmd":{"Id":${i}}}]` });
    }
    const update = feed.take(1, 20_000, state);
    expect(update.samples).toHaveLength(32);
    for (const run of update.samples) expect(run[3].length).toBeLessThanOrEqual(64 * 2);
    expect(update.log.length).toBeLessThanOrEqual(50);
    // The newest survive.
    expect(update.log.at(-1)![3]).toContain('"Id":19999');
    const kept = update.log.length + update.samples.reduce((n, r) => n + r[3].length / 2, 0);
    expect(update.skipped + kept).toBe(40_000);
  });

  it('cuts long frames in the log', () => {
    const state = new DashboardState(source());
    const feed = state.attach();
    state.apply({ kind: 'message-out', at: 0, json: 'x'.repeat(10_000) });
    const [entry] = feed.take(1, 0, state).log;
    expect(entry![3].length).toBe(DEFAULT_LIMITS.logTextChars + 1);
  });

  it('takes battery readings from InputReading frames, and zeroes levels on a client stop or disconnect', () => {
    const state = new DashboardState(source());
    state.apply(viviAdded(2));
    const feed = state.attach();
    state.apply({
      kind: 'message-out',
      at: 1,
      json: JSON.stringify([
        { InputReading: { Id: 1, DeviceIndex: 2, FeatureIndex: 1, Reading: { Battery: { Value: 87 } } } },
      ]),
    });
    state.apply(output(2, 2, 0, 0.5));
    state.apply(output(2, 2, 1, 0.25));
    state.apply({
      kind: 'message-in',
      at: 3,
      json: JSON.stringify([{ StopCmd: { Id: 2, DeviceIndex: 2 } }]),
    });
    const update = feed.take(1, 3, state);
    expect(update.inputs).toEqual([[2, 1, 'Battery', 87]]);
    const last = (f: number) => update.samples.find((r) => r[1] === f)![3].at(-1);
    expect(last(0)).toBe(0);
    expect(last(1)).toBe(0);

    state.apply(output(4, 2, 0, 0.5));
    state.apply({ kind: 'client-disconnected', at: 5, clientName: 'c', reason: 'client disconnected' });
    const after = feed.take(2, 5, state);
    expect(after.client).toBeNull();
    expect(after.samples[0]![3].slice(-2)).toEqual([5, 0]);
    expect(state.snapshot(6, 'plugkit').samples.every((r) => r[3][1] === 0)).toBe(true);
  });

  it('forgets a removed device everywhere', () => {
    const state = new DashboardState(source());
    const feed = state.attach();
    state.apply(viviAdded(0));
    state.apply(output(1, 0, 0, 0.5));
    state.apply({
      kind: 'device-removed',
      at: 2,
      deviceIndex: 0,
      name: 'Aneros Vivi',
      reason: 'disconnected',
    });
    const update = feed.take(1, 2, state);
    expect(update.devices).toEqual([]);
    expect(update.samples).toEqual([]);
    expect(state.snapshot(3, 'plugkit').samples).toEqual([]);
  });

  it('stops feeding a detached page', () => {
    const state = new DashboardState(source());
    const feed = state.attach();
    state.detach(feed);
    state.apply(output(1, 0, 0, 0.5));
    expect(feed.empty).toBe(true);
  });
});
