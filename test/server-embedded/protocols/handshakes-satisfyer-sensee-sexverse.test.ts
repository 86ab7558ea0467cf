/**
 * Handshakes, keepalives and edge cases of the satisfyer, sensee-v2, sexverse-v3 and serveu
 * protocols that the YAML cases cannot express: model numbers from the advertisement, garbage or
 * missing handshake answers, and the repeat-last-packet keepalive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { protocols } from '../../../server-embedded/protocols/index.js';
import { serveuSpeed } from '../../../server-embedded/protocols/serveu.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';
import { until } from '../../support/server.js';

let server: PlugkitServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async () => {
  const logs: string[] = [];
  server = await PlugkitServer.create({
    protocols,
    log: (level, m) => logs.push(`${level} ${m}`),
    handshakeTimeoutMs: 2000,
  });
  return logs;
};

describe('satisfyer', () => {
  it('takes the model number from the advertisement without reading the model characteristic', async () => {
    await start();
    const sim = server!.simulated.add({
      name: 'SF Anything',
      manufacturerData: [{ company: 93, data: [0x00, 0x00, 0x27, 0x51] }], // 10065
      messageGapMs: 75, // BLE pacing: the three zero packets of the stop become one
    });
    const device = (await server!.manager.handleCandidate(sim.candidate()))!;
    await device.flush();
    expect(device.name).toBe('Satisfyer Double Flex');
    expect(sim.commands.some((c) => c.kind === 'read')).toBe(false);
    // Init: 01 on the command endpoint, then the stop that seeds the keepalive packet.
    expect(sim.writes).toEqual([
      { kind: 'write', endpoint: 'command', data: [0x01], withResponse: true },
      { kind: 'write', endpoint: 'tx', data: Array(12).fill(0), withResponse: false },
    ]);
    await device.output(2, { Vibrate: { Value: 10 } });
    await device.flush();
    expect(sim.writes.at(-1)!.data).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10]);
  });

  it('falls back to the generic definition when the model read is not 4 bytes', async () => {
    const logs = await start();
    const sim = server!.simulated.add({ name: 'SF Odd', onRead: () => Uint8Array.of(1, 2) });
    const device = (await server!.manager.handleCandidate(sim.candidate()))!;
    expect(device.name).toBe('Satisfyer Device');
    expect(logs.join('\n')).toMatch(/model read gave 2 bytes/);
  });

  it('is not added when the model read fails, and the server stays healthy', async () => {
    const logs = await start();
    const mute = server!.simulated.add({
      name: 'SF Mute',
      onRead: () => Promise.reject(new Error('read timed out')),
    });
    expect(await server!.manager.handleCandidate(mute.candidate())).toBeUndefined();
    expect(logs.join('\n')).toMatch(/not added: read timed out/);
    expect(mute.connected).toBe(false);
    const fine = server!.simulated.add({ name: 'SF Fine', onRead: () => Uint8Array.of(0, 0, 0x27, 0xb0) });
    expect((await server!.manager.handleCandidate(fine.candidate()))?.name).toBe('Satisfyer Double Desire');
  });
});

describe('sensee-v2', () => {
  it('uses device type 0x65 when the status frame is too short to name one', async () => {
    await start();
    const sim = server!.simulated.add({ name: 'CCPA10S2', onRead: () => Uint8Array.of(0x55, 0xaa) });
    const device = (await server!.manager.handleCandidate(sim.candidate()))!;
    await device.output(1, { Constrict: { Value: 7 } });
    expect(sim.writes.at(-1)!.data.slice(0, 8)).toEqual([0x55, 0xaa, 0xf0, 0x02, 0x00, 0x0d, 0x65, 0xf1]);
  });

  it('is not added when the status read fails', async () => {
    const logs = await start();
    const sim = server!.simulated.add({
      name: 'CCPA10S2',
      onRead: () => Promise.reject(new Error('no answer')),
    });
    expect(await server!.manager.handleCandidate(sim.candidate())).toBeUndefined();
    expect(logs.join('\n')).toMatch(/not added: no answer/);
  });
});

describe('sexverse-v3', () => {
  it('is stopped on connect and repeats its last packet as keepalive', async () => {
    await start();
    const sim = server!.simulated.add('TAY001');
    const device = (await server!.manager.handleCandidate(sim.candidate()))!;
    expect(device.name).toBe('Sexverse Tay 1');
    expect(sim.writes[0]).toEqual({
      kind: 'write',
      endpoint: 'tx',
      data: [0xa1, 0x04, 0x00, 0x01],
      withResponse: true,
    });
    await device.output(0, { Vibrate: { Value: 12 } });
    const sent = sim.writes.length;
    // Nothing else is written, so later writes can only be keepalive repeats of the last packet.
    await until(() => sim.writes.length >= sent + 2, 5000);
    for (const w of sim.writes.slice(sent - 1)) expect(w.data).toEqual([0xa1, 0x04, 12, 0x01]);
  });
});

describe('serveu speed', () => {
  it('maps the needed rate piecewise onto the speed byte', () => {
    expect(serveuSpeed(0, 500)).toBe(0);
    expect(serveuSpeed(30, 1000)).toBe(15); // 30 u/s
    expect(serveuSpeed(50, 1000)).toBe(25); // top of the first segment
    expect(serveuSpeed(50, 200)).toBe(75); // 250 u/s
    expect(serveuSpeed(20, 10)).toBe(250); // 2000 u/s
    expect(serveuSpeed(100, 10)).toBe(0xfa); // beyond the table
    expect(serveuSpeed(10, 0)).toBe(0xfa); // no time at all: as fast as it goes
  });
});
