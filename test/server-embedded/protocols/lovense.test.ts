/**
 * Lovense paths the shared YAML cases cannot reach: identification when the toy stays silent or
 * answers garbage, battery answers with noise or none at all, and the model → layout choice for
 * every model in the built-in database. Toys are SimulatedDevices behind a real PlugkitServer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlugkitError } from '../../../sdk/protocol/index.js';
import { loadBuiltinDatabase } from '../../../server-embedded/devices/config/load.js';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import type { SimulatedDeviceSpec } from '../../../server-embedded/hardware/simulated/simulated-device.js';
import { readLovenseBattery } from '../../../server-embedded/protocols/lovense/battery.js';
import { modelFromDeviceType, modelFromName } from '../../../server-embedded/protocols/lovense/identify.js';
import { lovenseLayout } from '../../../server-embedded/protocols/lovense/layout.js';
import { PlugkitServer } from '../../../server-embedded/server/server.js';

const text = (data: ArrayLike<number>) => String.fromCharCode(...Array.from(data));
const bytes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

let server: PlugkitServer | undefined;
let logs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  logs = [];
});

/** Starts a server and offers it one simulated toy; resolves with the device (or undefined). */
async function connect(spec: SimulatedDeviceSpec) {
  server = await PlugkitServer.create({ log: (level, m) => logs.push(`${level} ${m}`) });
  const sim = server.simulated.add(spec);
  const device = await server.manager.handleCandidate(sim.candidate());
  return { sim, device };
}

/** A toy that answers `DeviceType;` with `answer` (after the write returns, as BLE would). */
const answering = (name: string, answer: number[], extra?: SimulatedDeviceSpec['onWrite']) => ({
  name,
  onWrite: ((d, endpoint, data) => {
    if (text(data) === 'DeviceType;') setTimeout(() => d.notify('rx', answer), 1);
    else extra?.(d, endpoint, data);
  }) satisfies SimulatedDeviceSpec['onWrite'],
});

describe('lovense identification', () => {
  it('guesses the model from an LVS- name after six unanswered DeviceType requests', async () => {
    const { sim, device } = await connect({ name: 'LVS-A123' });
    expect(device?.name).toBe('Lovense Nora');
    const asked = sim.writes.filter((w) => text(w.data) === 'DeviceType;');
    expect(asked).toHaveLength(6);
    expect(sim.commands[0]).toEqual({ kind: 'subscribe', endpoint: 'rx' });
    expect(logs.some((l) => l.includes('no answer to DeviceType after 6 tries; model A'))).toBe(true);
  });

  it('falls back to the protocol defaults when neither the toy nor its name tells the model', async () => {
    const { device } = await connect({ name: 'LOVE-quiet' });
    expect(device?.name).toBe('Lovense Device');
  });

  it('refuses a toy whose DeviceType answer is not text, and disconnects it', async () => {
    const { sim, device } = await connect(answering('LVS-Z01', [0xff, 0xfe, 0x3b]));
    expect(device).toBeUndefined();
    expect(sim.connected).toBe(false);
    expect(logs.find((l) => l.includes('not added'))).toMatch(/not UTF-8/);
  });

  it('gives up cleanly when the toy disconnects during identification', async () => {
    const { device } = await connect({
      name: 'LVS-Z01',
      onWrite: (d) => setTimeout(() => d.drop(), 1),
    });
    expect(device).toBeUndefined();
    expect(logs.find((l) => l.includes('not added'))).toMatch(/disconnected/);
  });

  it('reads model and firmware from the answer', () => {
    const log = (level: string, m: string) => logs.push(`${level} ${m}`);
    expect(modelFromDeviceType('EI:02:0082059AD3BD;', log)).toBe('EI');
    expect(modelFromDeviceType('EI:03:0082059AD3BD;', log)).toBe('EI-FW3');
    expect(modelFromDeviceType('WD:253:0082059AD3BD;', log)).toBe('WD');
    expect(modelFromDeviceType('Z:x:0082059AD3BD;', log)).toBe('Z');
    expect(modelFromDeviceType('OK;', log)).toBe('lovense');
    expect(modelFromName('LVS-Lush')).toBeUndefined();
    expect(modelFromName('LVS-S042')).toBe('S');
  });
});

describe('lovense battery', () => {
  it('skips unrelated notifications and reads the running-prefixed level', async () => {
    const { sim, device } = await connect(
      answering('LVS-Z01', bytes('Z:11:0082059AD3BD;'), (d, _e, data) => {
        if (text(data) !== 'Battery;') return;
        setTimeout(() => {
          d.notify('rx', bytes('OK;'));
          d.notify('rx', [0xc3]);
          d.notify('rx', bytes('s42;'));
        }, 1);
      }),
    );
    expect(device?.name).toBe('Lovense Hush');
    await expect(device!.input(1, 'Battery', 'Read')).resolves.toBe(42);
    expect(text(sim.writes.at(-1)!.data)).toBe('Battery;');
    expect(logs.filter((l) => l.includes('ignoring rx notification'))).toHaveLength(2);
  });

  it('fails with a device error when the toy never reports its level', async () => {
    const { sim, device } = await connect(answering('LVS-Z01', bytes('Z:11:0082059AD3BD;')));
    expect(device).toBeDefined();
    const err = await readLovenseBattery(device!.hardware, () => {}, 150).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlugkitError);
    expect((err as PlugkitError).reason).toBe('DeviceCommunicationError');
    expect((err as Error).message).toMatch(/within 150 ms/);
    expect(sim.connected).toBe(true);
  });

  it('fails when the toy disconnects while the level is awaited', async () => {
    const { device } = await connect(
      answering('LVS-Z01', bytes('Z:11:0082059AD3BD;'), (d) => setTimeout(() => d.drop(), 1)),
    );
    await expect(device!.input(1, 'Battery', 'Read')).rejects.toThrow(/disconnected/);
  });
});

describe('lovense layouts', () => {
  it('picks the reference command style for every built-in model', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const expected: Record<string, string> = {
      B: 'max',
      P: 'dual',
      A: 'rotator',
      C: 'rotator',
      EL: 'rotator',
      S: 'single',
      F: 'single',
      J: 'dual',
      EA: 'dual',
      WD: 'dual',
      EI: 'single',
      'EI-FW3': 'mply',
      U: 'mply',
      H: 'stroker',
      BA: 'stroker',
      '': 'single',
    };
    for (const [model, layout] of Object.entries(expected)) {
      const resolved = db.resolve('lovense', model, 'addr')!;
      expect(lovenseLayout(model, resolved.features), model).toBe(layout);
    }
  });
});
