/**
 * Protocol behaviour the YAML cases cannot express: continuous report streams (Joy-Con),
 * keepalive repeats (MysteryVibe), serial-only toys (Next Level Racing), MonsterPub's endpoint
 * variants and bad handshakes, and the single-precision maths of Mizz Zee v3. Toys are real
 * SimulatedDevices; where the manager cannot match them (HID, the placeholder serial port) the
 * protocol is driven directly on the simulated hardware.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CommunicationSpecifier } from '../../../server-embedded/devices/config/model.js';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../server-embedded/devices/config/load.js';
import {
  SimulatedDevice,
  type SimulatedDeviceSpec,
} from '../../../server-embedded/hardware/simulated/simulated-device.js';
import { mizzzeeV3Packet } from '../../../server-embedded/protocols/mizzzee-v3.js';
import { monsterpub } from '../../../server-embedded/protocols/monsterpub.js';
import { nextlevelracing } from '../../../server-embedded/protocols/nextlevelracing.js';
import { encodeRumble, nintendoJoycon } from '../../../server-embedded/protocols/nintendo-joycon.js';
import type { Protocol, ProtocolHandler } from '../../../server-embedded/protocols/types.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';

let server: PlugkitServer | undefined;
const cleanups: (() => void | Promise<void>)[] = [];
let logs: string[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await server?.close();
  server = undefined;
  logs = [];
});

/** Waits (bounded) until `cond` holds; returns whether it did. */
const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return cond();
};
const log = (level: string, m: string) => void logs.push(`${level} ${m}`);

/** Connects a simulated toy with a protocol directly, bypassing matching. */
async function direct(
  protocol: Protocol,
  spec: SimulatedDeviceSpec,
  specifier: CommunicationSpecifier,
  model: string,
): Promise<{ sim: SimulatedDevice; handler: ProtocolHandler }> {
  const db = new DeviceDatabase(await loadBuiltinDatabase());
  const sim = new SimulatedDevice(spec);
  const hardware = await sim.candidate().connect(specifier);
  const identifier = protocol.identify ? (await protocol.identify(hardware, log)).identifier : model;
  const device = db.resolve(protocol.name, identifier, sim.address)!;
  const handler = await protocol.create({ hardware, device, log, emitReading: () => {} });
  cleanups.push(() => {
    handler.dispose?.();
    sim.drop();
  });
  return { sim, handler };
}

const baseSpecifier = async (protocol: string): Promise<CommunicationSpecifier> =>
  (await loadBuiltinDatabase()).protocols.find((p) => p.name === protocol)!.communication[0]!;
const btle = (services: Record<string, Record<string, string>>): CommunicationSpecifier =>
  ({ bus: 'btle', btle: { names: ['MonsterPub'], services } }) as CommunicationSpecifier;

describe('nintendo-joycon', () => {
  it('enables vibration, then streams rumble reports that follow the vibrate level', async () => {
    const { sim, handler } = await direct(
      nintendoJoycon,
      { name: 'Joy-Con (L)', bus: 'hid' },
      await baseSpecifier('nintendo-joycon'),
      '',
    );
    const enable = sim.writes[0]!;
    expect(enable.data).toHaveLength(64);
    expect([enable.data[0], enable.data[1], enable.data[10], enable.data[11]]).toEqual([0x01, 0, 0x48, 0x01]);
    expect(await until(() => sim.writes.length >= 4)).toBe(true);
    const idle = sim.writes[1]!.data;
    expect([idle[0], idle[1], idle[10]]).toEqual([0x10, 1, 0]);
    expect(idle.slice(2, 10)).toEqual([0x00, 0x00, 0x01, 0x40, 0x00, 0x00, 0x01, 0x40]);

    expect(await handler.output!({ featureIndex: 0, featureId: 'f', type: 'Vibrate', value: 1000 })).toEqual(
      [],
    );
    const strong = [0xa8, 0xc8, 0x4a, 0x72];
    expect(await until(() => sim.writes.at(-1)!.data.slice(2, 6).join() === strong.join())).toBe(true);
    expect(sim.writes.at(-1)!.data.slice(6, 10)).toEqual(strong);

    handler.dispose!();
    const settled = sim.writes.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(sim.writes.length).toBeLessThanOrEqual(settled + 1); // at most the write in flight
  });

  it('encodes rumble on the documented log scale and saturates out-of-range input', () => {
    expect(encodeRumble(200, 1)).toEqual([0xa8, 0xc8, 0x4a, 0x72]);
    expect(encodeRumble(0, 0)).toEqual([0x00, 0x00, 0x01, 0x40]);
    expect(encodeRumble(5000, 9)).toEqual(encodeRumble(1252, 1.799));
  });

  it('refuses a Joy-Con that cannot take the enable report', async () => {
    const sim = new SimulatedDevice({ name: 'Joy-Con (R)', bus: 'hid' });
    const hardware = await sim.candidate().connect(await baseSpecifier('nintendo-joycon'));
    sim.drop();
    const device = new DeviceDatabase(await loadBuiltinDatabase()).resolve(
      'nintendo-joycon',
      '',
      sim.address,
    )!;
    await expect(nintendoJoycon.create({ hardware, device, log, emitReading: () => {} })).rejects.toThrow(
      /cannot enable Joy-Con vibration/,
    );
  });
});

describe('nextlevelracing', () => {
  it('sends M<motor><speed>CR over serial', async () => {
    const { sim, handler } = await direct(
      nextlevelracing,
      { name: '/dev/ttyUSB0', bus: 'serial' },
      await baseSpecifier('nextlevelracing'),
      '',
    );
    const hw = await handler.output!({ featureIndex: 7, featureId: 'f', type: 'Vibrate', value: 255 });
    expect(hw).toEqual([
      { kind: 'write', endpoint: 'tx', data: Uint8Array.from(Buffer.from('M7255\r')), withResponse: false },
    ]);
    expect(sim.writes).toHaveLength(0);
  });
});

describe('mysteryvibe keepalive', () => {
  it('repeats the last speed packet while the client is quiet', async () => {
    server = await PlugkitServer.create({ log });
    const sim = server.simulated.add('MV Poco     ');
    const device = await server.manager.handleCandidate(sim.candidate());
    expect(device?.name).toBe('MysteryVibe Poco');
    await device!.output(1, { Vibrate: { Value: 10 } });
    const packets = () => sim.writes.filter((w) => w.endpoint === 'txvibrate' && w.data.join() === '0,10');
    expect(await until(() => packets().length >= 3)).toBe(true);
  });

  // Case files cannot pin this toy's byte sequence: its 93 ms keepalive interleaves repeats.
  it('packs all six Crescendo motors into one packet and zeroes them on stop', async () => {
    server = await PlugkitServer.create({ log });
    const sim = server.simulated.add('MV Crescendo');
    const device = await server.manager.handleCandidate(sim.candidate());
    expect(device?.name).toBe('MysteryVibe Crescendo');
    expect(sim.writes[0]).toMatchObject({ endpoint: 'txmode', data: [0x43, 0x02, 0x00], withResponse: true });
    await device!.output(0, { Vibrate: { Value: 28 } });
    await device!.output(5, { Vibrate: { Value: 56 } });
    const has =
      (bytes: number[], from = 0) =>
      () =>
        sim.writes.slice(from).some((w) => w.endpoint === 'txvibrate' && w.data.join() === bytes.join());
    expect(await until(has([28, 0, 0, 0, 0, 56]))).toBe(true);
    const beforeStop = sim.writes.length;
    await device!.stop();
    expect(await until(has([0, 0, 0, 0, 0, 0], beforeStop))).toBe(true);
  });
});

describe('mizzzee-v3', () => {
  it('maps 0–1000 onto 30–100 % of a 10-bit level in single precision', () => {
    const level = (s: number) => mizzzeeV3Packet(s).slice(9, 11);
    expect(level(1)).toEqual([0xfc, 0x4c]);
    expect(level(333)).toEqual([0x7c, 0x88]);
    expect(level(500)).toEqual([0x3c, 0xa6]);
    expect(level(700)).toEqual([0x3c, 0xca]);
    expect(level(999)).toEqual([0xbc, 0xff]);
    expect(level(1000)).toEqual([0xfc, 0xff]);
    expect(mizzzeeV3Packet(1000)).toHaveLength(20);
    expect(mizzzeeV3Packet(0)).toEqual([0x03, 0x12, ...new Array(18).fill(0)]);
  });
});

describe('monsterpub', () => {
  const SVC = '00006000-0000-1000-8000-00805f9b34fb';
  it('uses the protocol defaults when the model characteristic cannot be read', async () => {
    server = await PlugkitServer.create({ log });
    const sim = server.simulated.add({
      name: 'MonsterPub',
      onRead: (endpoint) => {
        if (endpoint === 'rxblemodel') throw new Error('read not permitted');
        return Uint8Array.from([0x00, ...new Array(15).fill(0x41)]);
      },
    });
    const device = await server.manager.handleCandidate(sim.candidate());
    expect(device?.name).toBe('Sistalk MonsterPub Device');
    expect(sim.writes[0]).toEqual({
      kind: 'write',
      endpoint: 'rx',
      data: Array.from('2IPO2IPO2IPO2IP', (c) => c.charCodeAt(0) ^ 0x41),
      withResponse: true,
    });
  });

  it('drops a toy whose connect challenge names no known key', async () => {
    server = await PlugkitServer.create({ log });
    const sim = server.simulated.add({
      name: 'MonsterPub',
      onRead: (endpoint) =>
        endpoint === 'rxblemodel' ? Uint8Array.from(Buffer.from('MP_MXY_N_P1')) : Uint8Array.from([9, 1, 2]),
    });
    expect(await server.manager.handleCandidate(sim.candidate())).toBeUndefined();
    expect(logs.find((l) => l.includes('not added'))).toMatch(/challenge is malformed/);
    expect(sim.connected).toBe(false);
  });

  it('sends on tx, and an all-stop on txmode with response, when the toy has no txvibrate', async () => {
    const { handler } = await direct(
      monsterpub,
      { name: 'MonsterPub', onRead: () => Uint8Array.from(Buffer.from('MP2_QC_TL_P1\0\0')) },
      btle({
        [SVC]: { tx: '00006001-0000-1000-8000-00805f9b34fb', txmode: '00006002-0000-1000-8000-00805f9b34fb' },
        '00006010-0000-1000-8000-00805f9b34fb': { rxblemodel: '00006014-0000-1000-8000-00805f9b34fb' },
      }),
      '',
    );
    expect(await handler.output!({ featureIndex: 1, featureId: 'f', type: 'Vibrate', value: 40 })).toEqual([
      {
        kind: 'write',
        endpoint: 'tx',
        data: Uint8Array.from([0, 40]),
        withResponse: false,
        ids: ['monsterpub/frame'],
      },
    ]);
    expect(await handler.output!({ featureIndex: 1, featureId: 'f', type: 'Vibrate', value: 0 })).toEqual([
      {
        kind: 'write',
        endpoint: 'txmode',
        data: Uint8Array.from([0, 0]),
        withResponse: true,
        ids: ['monsterpub/frame'],
      },
    ]);
  });

  it("prefixes 3 on generic0 (Tracy's Dog three-motor toys)", async () => {
    const { handler } = await direct(
      monsterpub,
      { name: 'TracyDog', onRead: () => Uint8Array.from(Buffer.from('TDG_CRAYBIT_PT')) },
      btle({
        [SVC]: { generic0: '0000600a-0000-1000-8000-00805f9b34fb' },
        '00006010-0000-1000-8000-00805f9b34fb': { rxblemodel: '00006014-0000-1000-8000-00805f9b34fb' },
      }),
      '',
    );
    expect(await handler.output!({ featureIndex: 2, featureId: 'f', type: 'Vibrate', value: 7 })).toEqual([
      {
        kind: 'write',
        endpoint: 'generic0',
        data: Uint8Array.from([3, 0, 0, 7]),
        withResponse: false,
        ids: ['monsterpub/frame'],
      },
    ]);
  });
});
