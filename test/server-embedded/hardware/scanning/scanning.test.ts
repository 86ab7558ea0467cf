import { describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../../server-embedded/devices/manager.js';
import { DeviceDatabase } from '../../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../../server-embedded/devices/config/load.js';
import { SimulatedBackend } from '../../../../server-embedded/hardware/simulated/backend.js';
import type { BackendSink, HardwareBackend } from '../../../../server-embedded/hardware/types.js';
import { protocols } from '../../../../server-embedded/protocols/index.js';
import { until } from '../../../support/official-client.js';

/** A backend the test steers: it finishes, fails mid-scan, or throws at start when told. */
class SteeredBackend implements HardwareBackend {
  sink!: BackendSink;
  scans = 0;
  stops = 0;
  constructor(
    readonly name: string,
    private readonly failAtStart = false,
  ) {}
  async start(sink: BackendSink) {
    this.sink = sink;
  }
  async startScanning() {
    this.scans++;
    if (this.failAtStart) throw new Error('radio unplugged');
  }
  async stopScanning() {
    this.stops++;
  }
  async close() {}
}

async function managerWith(...backends: HardwareBackend[]) {
  const logs: string[] = [];
  const manager = new DeviceManager({
    database: new DeviceDatabase(await loadBuiltinDatabase()),
    protocols,
    log: (level, m) => logs.push(`${level} ${m}`),
  });
  for (const b of backends) await manager.addBackend(b);
  let finished = 0;
  manager.scanningFinished$.subscribe(() => finished++);
  return { manager, logs, finished: () => finished };
}

describe('scanning across backends', () => {
  it('ScanningFinished comes once, after every backend finished; failures are reported and do not block', async () => {
    const sim = new SimulatedBackend(['Massage Demo']);
    const slow = new SteeredBackend('slow');
    const failsMidScan = new SteeredBackend('flaky');
    const failsAtStart = new SteeredBackend('broken', true);
    const { manager, logs, finished } = await managerWith(sim, slow, failsMidScan, failsAtStart);

    await manager.startScanning();
    expect([slow.scans, failsMidScan.scans, failsAtStart.scans]).toEqual([1, 1, 1]);
    expect(logs).toContain('warn broken: scanning failed: radio unplugged');
    await until(() => manager.devices.size === 1, 'the simulated toy to connect');

    failsMidScan.sink.scanFailed(new Error('adapter reset'));
    expect(logs).toContain('warn flaky: scanning failed: adapter reset');
    // The simulated scan ends on its own shortly after; then only "slow" is left.
    const stillScanning = () => (manager as unknown as { scanning: Set<HardwareBackend> }).scanning;
    await until(() => stillScanning().size === 1, 'the simulated scan to end');
    expect([...stillScanning()]).toEqual([slow]);
    expect(finished()).toBe(0);
    expect(manager.isScanning).toBe(true);

    slow.sink.scanFinished();
    expect(finished()).toBe(1);
    expect(manager.isScanning).toBe(false);
    slow.sink.scanFinished(); // a late duplicate changes nothing
    expect(finished()).toBe(1);
    await manager.shutdown();
  });

  it('a backend that finishes during start-up does not make ScanningFinished overtake the start', async () => {
    const eager: HardwareBackend & { sink?: BackendSink } = {
      name: 'eager',
      async start(sink) {
        eager.sink = sink;
      },
      async startScanning() {
        eager.sink!.scanFinished();
      },
      async stopScanning() {},
      async close() {},
    };
    const slow = new SteeredBackend('slow');
    const { manager, finished } = await managerWith(eager, slow);
    await manager.startScanning();
    expect(finished()).toBe(0);
    slow.sink.scanFinished();
    expect(finished()).toBe(1);

    // Alone, an eager backend finishes the scan, reported only after start-up has returned
    // (so a client gets the StartScanning reply before ScanningFinished).
    const alone = await managerWith(eager);
    const order: string[] = [];
    alone.manager.scanningFinished$.subscribe(() => order.push('finished'));
    await alone.manager.startScanning();
    order.push('started');
    await until(() => order.length === 2, 'ScanningFinished');
    expect(order).toEqual(['started', 'finished']);
    expect(alone.finished()).toBe(1);
    await manager.shutdown();
    await alone.manager.shutdown();
  });

  it('StopScanning stops every backend and sends no ScanningFinished', async () => {
    const a = new SteeredBackend('a');
    const b = new SteeredBackend('b');
    const { manager, finished } = await managerWith(a, b);
    await manager.startScanning();
    await manager.stopScanning();
    expect([a.stops, b.stops]).toEqual([1, 1]);
    a.sink.scanFinished();
    b.sink.scanFinished();
    expect(finished()).toBe(0);
    expect(manager.isScanning).toBe(false);
    await manager.shutdown();
  });
});
