import { firstValueFrom, filter, timeout } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import { protocols } from '../../../server-embedded/protocols/index.js';
import { write, type Protocol } from '../../../server-embedded/protocols/types.js';
import { until } from '../../support/server.js';
import { GAP_DEMO_CONFIG } from '../../support/gap-toy.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A protocol for the Aneros config whose identify waits for the toy to answer "OK". */
const handshaking: Protocol = {
  name: 'aneros',
  async identify(hw) {
    // Listen before writing: a quick toy may answer before the write call returns.
    const answer = firstValueFrom(
      hw.notification$.pipe(
        filter((n) => n.endpoint === 'tx'),
        timeout(5000),
      ),
    );
    await hw.write('tx', Uint8Array.from([0x3f]), false);
    const reply = await answer;
    const text = String.fromCharCode(...reply.data);
    if (text !== 'OK') throw new Error(`toy answered ${JSON.stringify(text)} instead of "OK"`);
    return { identifier: hw.name };
  },
  create: () => ({ output: (c) => [write('tx', [0xf1 + c.featureIndex, c.value])] }),
};

const make = async (p: Protocol, handshakeTimeoutMs = 300) => {
  const logs: string[] = [];
  server = await PlugkitServer.create({
    protocols: new Map([[p.name, p]]),
    log: (level, m) => logs.push(`${level} ${m}`),
    handshakeTimeoutMs,
  });
  return logs;
};

describe('device manager', () => {
  it('drops a device whose handshake never answers, logs why, and stays healthy', async () => {
    const logs = await make(handshaking);
    const sim = server!.simulated.add('Massage Demo');
    await server!.manager.startScanning();
    await until(() => logs.some((l) => l.includes('not added')));
    expect(logs.find((l) => l.includes('not added'))).toMatch(/handshake did not finish within 300 ms/);
    expect(server!.manager.devices.size).toBe(0);
    expect(sim.connected).toBe(false);
    // Healthy: a second toy that answers is added.
    const good = server!.simulated.add({
      name: 'Massage Demo',
      address: 'good',
      onWrite: (d) => queueMicrotask(() => d.notify('tx', [79, 75])),
    });
    await server!.manager.handleCandidate(good.candidate());
    expect(server!.manager.devices.size).toBe(0); // not subscribed: the notification is not delivered
    expect(logs.some((l) => l.includes('good') && l.includes('not added'))).toBe(true);
  });

  it('drops a device that answers garbage or disconnects mid-handshake', async () => {
    const subscribing: Protocol = {
      ...handshaking,
      async identify(hw, log) {
        await hw.subscribe('tx');
        return handshaking.identify!(hw, log);
      },
    };
    const logs = await make(subscribing, 2000);
    const garbage = server!.simulated.add({
      name: 'Massage Demo',
      address: 'garbage',
      onWrite: (d) => queueMicrotask(() => d.notify('tx', [0xff, 0x00])),
    });
    const dropper = server!.simulated.add({
      name: 'Massage Demo',
      address: 'dropper',
      onWrite: (d) => queueMicrotask(() => d.drop()),
    });
    const fine = server!.simulated.add({
      name: 'Massage Demo',
      address: 'fine',
      onWrite: (d) => queueMicrotask(() => d.notify('tx', [79, 75])),
    });
    expect(await server!.manager.handleCandidate(garbage.candidate())).toBeUndefined();
    expect(await server!.manager.handleCandidate(dropper.candidate())).toBeUndefined();
    expect(await server!.manager.handleCandidate(fine.candidate())).toBeDefined();
    expect(logs.join('\n')).toMatch(/garbage.*not added: toy answered/);
    expect(logs.join('\n')).toMatch(/dropper.*not added: device disconnected during the handshake/);
    expect([...server!.manager.devices.values()].map((d) => d.hardware.address)).toEqual(['fine']);
  });

  it('skips a write that repeats the last value sent, but sends it again after a stop', async () => {
    server = await PlugkitServer.create({ protocols, log: 'off' });
    const sim = server.simulated.add('Massage Demo');
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    await device.output(0, { Vibrate: { Value: 30 } });
    await device.output(0, { Vibrate: { Value: 30 } });
    await device.output(0, { Vibrate: { Value: 31 } });
    await device.stop();
    await device.output(0, { Vibrate: { Value: 31 } });
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 30],
      [0xf1, 31],
      [0xf1, 0],
      [0xf2, 0],
      [0xf1, 31],
    ]);
  });

  it('paces writes by the message gap, replacing a queued value for the same output', async () => {
    server = await PlugkitServer.create({
      protocols,
      log: 'off',
      userDeviceConfigTexts: [GAP_DEMO_CONFIG],
    });
    const sim = server.simulated.add('Gap Demo');
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    expect(device.name).toBe('Gap Vivi');
    expect(device.info().DeviceMessageTimingGap).toBe(60);
    for (const v of [10, 20, 30, 40]) await device.output(0, { Vibrate: { Value: v } });
    await device.output(1, { Vibrate: { Value: 5 } });
    await until(() => sim.writes.length >= 2);
    await new Promise((r) => setTimeout(r, 150));
    // One batch: the last value for feature 0, then feature 1; the burst collapsed.
    expect(sim.writes.map((w) => w.data)).toEqual([
      [0xf1, 40],
      [0xf2, 5],
    ]);
  });

  it('removes a device that drops out mid-command; it keeps its index when it returns', async () => {
    server = await PlugkitServer.create({ protocols, log: 'off' });
    const other = server.simulated.add({ name: 'Massage Demo', address: 'other' });
    const sim = server.simulated.add({ name: 'Massage Demo', address: 'mine' });
    await server.manager.handleCandidate(other.candidate());
    const device = (await server.manager.handleCandidate(sim.candidate()))!;
    expect(device.index).toBe(1);
    sim.drop();
    await expect(device.output(0, { Vibrate: { Value: 3 } })).rejects.toMatchObject({
      reason: 'DeviceNotAvailable',
    });
    expect(server.manager.devices.has(1)).toBe(false);
    other.drop();
    const back = (await server.manager.handleCandidate(sim.candidate()))!;
    expect(back.index).toBe(1);
  });
});
