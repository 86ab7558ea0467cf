/**
 * The legacy adapter reaches devices only through ServerCore: time from the core's clock, raw
 * access refused by the core, and no compat source importing the device layer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sdk/clock/index.js';
import { PlugkitError, type AnyMessage } from '../../../sdk/protocol/index.js';
import { legacyAdapter } from '../../../server-embedded/compat/index.js';
import { ServerCore } from '../../../server-embedded/server/core.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import { probeLines, probeSpec, probeUserConfig, withProbe } from '../../support/probe-device.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server with one probe toy, a core on a virtual clock, and a v1 adapter on that core. */
async function setup() {
  server = await PlugkitServer.create({
    protocols: withProbe,
    userDeviceConfigTexts: [probeUserConfig()],
    simulate: [probeSpec()],
    log: 'off',
  });
  await server.manager.startScanning();
  for (let i = 0; i < 100 && server.manager.devices.size === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(server.manager.devices.size).toBe(1);
  const clock = new VirtualClock(1000);
  const core = new ServerCore(server.manager, { clock });
  const events: AnyMessage[] = [];
  const adapter = legacyAdapter(1)(core, { emit: (m) => events.push(m) });
  const sim = server.simulated.devices[0]!;
  const flush = () => server!.manager.devices.get(0)!.flush();
  return { clock, core, adapter, sim, flush };
}

describe('legacy adapter through the core', () => {
  it("KiirooCmd strokes last as long as the gap on the core's clock (bounded 100..1000 ms)", async () => {
    const { clock, core, adapter, sim, flush } = await setup();
    const kiiroo = (Id: number, Command: string) =>
      adapter.handle({ type: 'KiirooCmd', Id, DeviceIndex: 0, Command }, core);
    expect((await kiiroo(1, '4')).type).toBe('Ok');
    clock.advance(250);
    await kiiroo(2, '0');
    clock.advance(5000);
    await kiiroo(3, '2');
    // Let the toy take it: without a gap, a newer stroke arriving while it is busy would replace it.
    await flush();
    clock.advance(20);
    await kiiroo(4, '4');
    await flush();
    expect(probeLines(sim.writes)).toEqual([
      '3:HwPositionWithDuration:100@500', // first stroke: 500 ms
      '3:HwPositionWithDuration:0@250',
      '3:HwPositionWithDuration:50@1000',
      '3:HwPositionWithDuration:100@100',
    ]);
  });

  it('raw operations are refused by the core itself unless allowed', async () => {
    const { core } = await setup();
    const refused = core.rawWrite({ DeviceIndex: 0, Endpoint: 'tx', Data: [1], WriteWithResponse: false });
    await expect(refused).rejects.toBeInstanceOf(PlugkitError);
    await expect(refused).rejects.toThrow(/allow_raw/);
    expect(() => core.checkRawAccess({ DeviceIndex: 0, Endpoint: 'tx' }, 'RawUnsubscribeCmd')).toThrow(
      /RawUnsubscribeCmd is refused/,
    );
    expect(core.listDevices().map((d) => [d.index, d.protocol, d.rawEndpoints])).toEqual([
      [0, 'probe', undefined],
    ]);
    // The same object for the same device, so adapters can key their state on it.
    expect(core.deviceAt(0)).toBe(core.listDevices()[0]);
  });
});

describe('compat sources', () => {
  const root = join(import.meta.dirname, '../../../server-embedded/compat');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('use no device, hardware or manager internals and no `as never`', () => {
    const all = files(root);
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from '(\.\.\/)+(devices|hardware)\//);
      expect(text, f).not.toMatch(/\.manager\b/);
      expect(text, f).not.toMatch(/as never/);
      expect(text, f).not.toMatch(/\bascii\(|\bwrite\(/);
    }
  });
});
