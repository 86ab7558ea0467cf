import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, parsePattern, type PlugkitClient } from '../../../sdk/index.js';
import { embedded } from '../../../server-embedded/index.js';
import { waitForDevices } from '../../support/observables.js';
import { GAP_DEMO_CONFIG } from '../../support/gap-toy.js';

let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

describe('haptics on the real clock', () => {
  it('plays a ramp on a simulated 60 ms-gap toy: rising bytes, spaced by the gap, ending at zero', async () => {
    const transport = embedded({
      simulate: ['Gap Demo'],
      userDeviceConfigTexts: [GAP_DEMO_CONFIG],
      log: 'off',
    });
    client = await connect({ name: 'haptics realtime', transports: transport });
    await client.startScanning();
    const [device] = await waitForDevices(client, 1);
    expect(device!.messageTimingGap).toBe(60);
    const sim = transport.server!.simulated.devices[0]!;
    const writes: { t: number; data: number[] }[] = [];
    sim.command$.subscribe((c) => {
      if (c.kind === 'write') writes.push({ t: performance.now(), data: c.data });
    });
    const ramp = parsePattern({
      version: 1,
      tracks: [
        {
          motor: 0,
          keyframes: [
            { at: 0, value: 0.1 },
            { at: 600, value: 1 },
          ],
        },
      ],
    });
    const handle = client.haptics.play(ramp, { target: device! });
    expect(await firstValueFrom(handle.done$)).toBe('finished');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the return to zero after the end
    expect(writes.length).toBeGreaterThanOrEqual(4); // fewer only if the loop stalls (a loaded CI box)
    expect(writes.length).toBeLessThanOrEqual(14); // ≤ one per 60 ms over ~700 ms, plus the final zero
    expect(writes.every((w) => w.data[0] === 0xf1)).toBe(true); // motor 1 only: the track names motor 0
    const levels = writes.map((w) => w.data[1]!);
    expect(levels.at(-1)).toBe(0);
    const rising = levels.slice(0, -1);
    expect(rising).toEqual([...rising].sort((a, b) => a - b));
    expect(rising.at(-1)).toBeGreaterThan(64); // well up the ramp (0.1 → 1 of 127), with room for timer stalls
    for (let i = 1; i < writes.length; i++)
      expect(writes[i]!.t - writes[i - 1]!.t).toBeGreaterThanOrEqual(50);
    client.haptics.dispose();
  });
});
