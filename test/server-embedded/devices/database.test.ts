import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../server-embedded/devices/config/load.js';
import {
  DeviceConfigError,
  readBaseConfig,
  readUserConfig,
} from '../../../server-embedded/devices/config/official-format.js';
import type { DeviceCandidate } from '../../../server-embedded/hardware/types.js';

const OFFICIAL = '../shared/reference/device-config/buttplug-device-config-v4.json';
const candidate = (c: Partial<DeviceCandidate>): DeviceCandidate => ({
  bus: 'btle',
  name: '',
  address: 'addr-1',
  connect: async () => {
    throw new Error('not used');
  },
  ...c,
});

describe('built-in device database', () => {
  it('knows every protocol and model of the official database', async () => {
    const builtin = await loadBuiltinDatabase();
    expect(builtin.protocols.length).toBe(139);
    if (!existsSync(OFFICIAL)) return console.warn(`skipping comparison: ${OFFICIAL} is absent`);
    // The built-in data is plugkit's own form of the same facts: same protocols, models and names.
    const official = readBaseConfig(readFileSync(OFFICIAL, 'utf8'));
    expect(builtin.version).toEqual(official.version);
    expect(builtin.protocols).toEqual(official.protocols);
  });

  it('identifies toys by name, name prefix, advertised service and manufacturer data', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    expect(db.match(candidate({ name: 'Massage Demo' })).map((m) => m.protocol)).toEqual(['aneros']);
    expect(db.match(candidate({ name: 'LVS-Z36' })).map((m) => m.protocol)).toContain('lovense');
    expect(
      db
        .match(candidate({ name: 'x', advertisedServices: ['5A300001-0023-4BD4-BBD5-A6920E4C5653'] }))
        .map((m) => m.protocol),
    ).toContain('lovense');
    expect(
      db
        .match(candidate({ name: 'x', manufacturerData: [{ company: 620, data: [1, 255, 33, 4] }] }))
        .map((m) => m.protocol),
    ).toContain('lovense');
    expect(db.match(candidate({ name: 'Definitely Not A Toy' }))).toEqual([]);
    expect(db.match(candidate({ bus: 'serial', name: 'Massage Demo' }))).toEqual([]);
  });

  it('resolves a model to its name and features', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const vivi = db.resolve('aneros', 'Massage Demo', 'a')!;
    expect(vivi.name).toBe('Aneros Vivi');
    expect(
      vivi.features.map((f) => [f.index, f.description, f.outputs.map((o) => [o.type, o.base])]),
    ).toEqual([
      [0, 'Perineum Vibrator', [['Vibrate', [0, 127]]]],
      [1, 'Internal Vibrator', [['Vibrate', [0, 127]]]],
    ]);
  });

  it('keeps indexes stable per physical device and never hands out a known one', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    expect(db.indexFor('aneros', 'Massage Demo', 'a')).toBe(0);
    expect(db.indexFor('aneros', 'Massage Demo', 'b')).toBe(1);
    expect(db.indexFor('aneros', 'Massage Demo', 'a')).toBe(0);
    expect(db.indexFor('lovense', 'A', 'c')).toBe(2);
  });
});

describe('config files', () => {
  const base = (protocols: unknown) => JSON.stringify({ version: { major: 4, minor: 1 }, protocols });

  it('reports a bad base config with the file and field', () => {
    expect(() => readBaseConfig('{', 'f.json')).toThrow(DeviceConfigError);
    expect(() => readBaseConfig('{', 'f.json')).toThrow(/f\.json: not valid JSON/);
    expect(() =>
      readBaseConfig(JSON.stringify({ version: { major: 3, minor: 0 }, protocols: {} }), 'f.json'),
    ).toThrow(/major version 3/);
    expect(() =>
      readBaseConfig(
        base({
          x: {
            defaults: {
              name: 'X',
              id: 'i',
              features: [{ index: 0, id: 'f', output: { buzz: { value: [0, 1] } } }],
            },
          },
        }),
        'f.json',
      ),
    ).toThrow(/\$\.protocols\.x\.defaults\.features\[0\]\.output\.buzz: unknown output type/);
    expect(() =>
      readBaseConfig(
        base({
          x: {
            defaults: {
              name: 'X',
              id: 'i',
              features: [{ index: 0, id: 'f', output: { vibrate: { value: [5, 1] } } }],
            },
          },
        }),
      ),
    ).toThrow(/min 5 is above max 1/);
  });

  it('lets configurations inherit the whole feature list from defaults', () => {
    const data = readBaseConfig(
      base({
        x: {
          communication: [{ btle: { names: ['X*'], services: { 'AA-BB': { tx: 'CC' } } } }],
          defaults: {
            name: 'X default',
            id: 'd',
            message_gap_ms: 20,
            features: [{ index: 0, id: 'f0', output: { vibrate: { value: [0, 10] } } }],
          },
          configurations: [{ identifier: ['X1'], name: 'X One', id: 'c1' }],
        },
      }),
    );
    const db = new DeviceDatabase(data);
    const r = db.resolve('x', 'X1', 'addr')!;
    expect(r.name).toBe('X One');
    expect(r.messageGapMs).toBe(20);
    expect(r.features[0]!.outputs[0]!.base).toEqual([0, 10]);
    expect(db.resolve('x', 'unknown-model', 'addr')!.name).toBe('X default');
  });

  it('applies a user config: extra specifiers, display name, index, range limits; skips bad entries', async () => {
    const warnings: string[] = [];
    const db = new DeviceDatabase(await loadBuiltinDatabase(), (w) => warnings.push(w));
    const vivi = db.resolve('aneros', 'Massage Demo', 'a')!;
    const user = {
      version: { major: 4, minor: 0 },
      user_configs: {
        protocols: { aneros: { communication: [{ websocket: { name: 'aneros-sim' } }] } },
        devices: [
          {
            identifier: { protocol: 'aneros', identifier: 'Massage Demo', address: 'mine' },
            config: {
              id: 'u1',
              base_id: vivi.definition.id,
              features: [
                { id: 'uf0', base_id: vivi.features[0]!.id, output: { vibrate: { value: [10, 60] } } },
                { id: 'uf1', base_id: vivi.features[1]!.id, output: { vibrate: { disabled: true } } },
              ],
              user_config: { allow: false, deny: false, index: 7, display_name: 'Left one' },
            },
          },
          {
            identifier: { protocol: 'aneros', identifier: 'Massage Demo', address: 'broken' },
            config: {
              base_id: vivi.definition.id,
              features: [
                { id: 'x', base_id: vivi.features[0]!.id, output: { vibrate: { value: [0, 500] } } },
                { id: 'y', base_id: vivi.features[1]!.id },
              ],
              user_config: { allow: false, deny: false, index: 8 },
            },
          },
          { identifier: { protocol: 'aneros' }, config: {} },
        ],
      },
    };
    db.addUserConfig(readUserConfig(JSON.stringify(user), 'user.json', (w) => warnings.push(w)));
    expect(warnings.join('\n')).toMatch(/user\.json: skipping \$\.user_configs\.devices\[2\]/);
    expect(warnings.join('\n')).toMatch(/range \[0, 500\] for Vibrate must lie within \[0, 127\]/);
    const mine = db.resolve('aneros', 'Massage Demo', 'mine')!;
    expect(mine.displayName).toBe('Left one');
    expect(mine.features[0]!.outputs[0]).toMatchObject({ user: [10, 60] });
    expect(mine.features[1]!.outputs[0]!.disabled).toBe(true);
    expect(db.indexFor('aneros', 'Massage Demo', 'mine')).toBe(7);
    expect(db.match(candidate({ bus: 'websocket', name: 'aneros-sim' })).map((m) => m.protocol)).toEqual([
      'aneros',
    ]);
  });

  it('honours deny and allow lists', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const vivi = db.resolve('aneros', 'Massage Demo', 'a')!;
    const entry = (address: string, allow: boolean, deny: boolean, index: number) => ({
      identifier: { protocol: 'aneros', identifier: 'Massage Demo', address },
      config: { base_id: vivi.definition.id, user_config: { allow, deny, index } },
    });
    db.addUserConfig(
      readUserConfig(
        JSON.stringify({
          version: { major: 4, minor: 0 },
          user_configs: { devices: [entry('bad', false, true, 1)] },
        }),
      ),
    );
    expect(db.isRefused('bad')).toBe(true);
    expect(db.isRefused('other')).toBe(false);
    db.addUserConfig(
      readUserConfig(
        JSON.stringify({
          version: { major: 4, minor: 0 },
          user_configs: { devices: [entry('good', true, false, 2)] },
        }),
      ),
    );
    expect(db.isRefused('other')).toBe(true);
    expect(db.isRefused('good')).toBe(false);
  });
});
