/** `--simulate` / `simulate: [...]` names: exact, case-insensitive, wildcard, typo, unsupported. */
import { beforeAll, describe, expect, it } from 'vitest';
import { PlugkitError } from '../../../sdk/protocol/errors.js';
import { listSimulatable } from '../../../server-embedded/cli/devices.js';
import { resolveSimulatedName } from '../../../server-embedded/devices/simulate-names.js';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import { loadDeviceDatabase } from '../../../server-embedded/devices/config/load.js';
import type { DeviceDatabaseData, ProtocolConfig } from '../../../server-embedded/devices/config/model.js';

const fails = (fn: () => unknown): PlugkitError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlugkitError);
    return err as PlugkitError;
  }
  throw new Error('expected a PlugkitError');
};

describe('resolveSimulatedName with the built-in database', () => {
  let db: DeviceDatabase;
  beforeAll(async () => {
    db = await loadDeviceDatabase({}, () => {});
  });

  it('takes an exact name', () => {
    expect(resolveSimulatedName(db, 'Massage Demo')).toEqual({ name: 'Massage Demo', protocol: 'aneros' });
  });

  it('ignores case where that is unambiguous, and returns the database spelling', () => {
    expect(resolveSimulatedName(db, 'massage demo')).toEqual({ name: 'Massage Demo', protocol: 'aneros' });
    expect(resolveSimulatedName(db, 'MASSAGE DEMO').name).toBe('Massage Demo');
    // Two spellings of one protocol ("LUNA fofo", "LUNA FOFO") behave alike: not ambiguous.
    expect(resolveSimulatedName(db, 'luna Fofo').protocol).toBe('foreo');
  });

  it('matches wildcard names by their start', () => {
    expect(resolveSimulatedName(db, 'LVS-Z36')).toEqual({ name: 'LVS-Z36', protocol: 'lovense' });
    expect(resolveSimulatedName(db, 'lvs-Z36')).toEqual({ name: 'LVS-Z36', protocol: 'lovense' });
  });

  it('names the nearest names for a typo', () => {
    const err = fails(() => resolveSimulatedName(db, 'Masage Demo'));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.reason).toBe('UnknownSimulatedDevice');
    expect(err.message).toMatch(
      /no toy in the device database advertises the name "Masage Demo"; nearest: "Massage Demo"/,
    );
    expect(fails(() => resolveSimulatedName(db, 'demo')).message).toMatch(/nearest: "Massage Demo"/);
    expect(fails(() => resolveSimulatedName(db, '  ')).reason).toBe('UnknownSimulatedDevice');
    // A model name leads to the name the model advertises.
    expect(fails(() => resolveSimulatedName(db, 'Aneros Vivi')).message).toMatch(/nearest: "Massage Demo"/);
    expect(fails(() => resolveSimulatedName(db, 'vivi')).message).toMatch(/nearest: "Massage Demo"/);
  });

  it('says when the name belongs to a protocol plugkit does not implement', () => {
    const err = fails(() => resolveSimulatedName(db, 'SayberX'));
    expect(err.reason).toBe('UnsupportedSimulatedDevice');
    expect(err.message).toMatch(/belongs to protocol sayberx, which plugkit does not implement/);
    expect(fails(() => resolveSimulatedName(db, 'sayberx')).reason).toBe('UnsupportedSimulatedDevice');
  });

  it('lists simulatable names with protocol, model and features', () => {
    const { listed, unsupported } = listSimulatable(db, 'aneros');
    expect(listed).toEqual([
      { name: 'Massage Demo', protocol: 'aneros', model: 'Aneros Vivi', features: 'Vibrate×2' },
    ]);
    expect(unsupported).toBe(0);
    const all = listSimulatable(db);
    expect(all.listed.length).toBeGreaterThan(600);
    expect(all.unsupported).toBeGreaterThan(0);
    expect(all.listed.some((l) => l.protocol === 'sayberx')).toBe(false);
    // Every listed name resolves, so the list and --simulate agree.
    for (const l of all.listed.filter((x) => !x.name.endsWith('*')))
      expect(resolveSimulatedName(db, l.name).name).toBe(l.name);
  });
});

describe('resolveSimulatedName with a small database', () => {
  const proto = (name: string, advertised: string): ProtocolConfig => ({
    name,
    communication: [{ bus: 'btle', btle: { names: [advertised], services: {} } }],
    defaults: { id: name, name: `${name} toy`, identifiers: [], features: [] },
    configurations: [],
  });
  const data: DeviceDatabaseData = {
    version: { major: 4, minor: 0 },
    protocols: [proto('alpha', 'Foo Toy'), proto('beta', 'FOO TOY')],
  };
  const db = new DeviceDatabase(data);

  it('refuses a case-insensitive match that two protocols share', () => {
    expect(resolveSimulatedName(db, 'Foo Toy', new Set(['alpha', 'beta'])).protocol).toBe('alpha');
    const err = fails(() => resolveSimulatedName(db, 'foo toy', new Set(['alpha', 'beta'])));
    expect(err.reason).toBe('AmbiguousSimulatedDevice');
    expect(err.message).toMatch(/"Foo Toy" \(alpha\), "FOO TOY" \(beta\)/);
  });

  it('prefers a supported protocol when only one is', () => {
    expect(resolveSimulatedName(db, 'foo toy', new Set(['alpha']))).toEqual({
      name: 'Foo Toy',
      protocol: 'alpha',
    });
    expect(fails(() => resolveSimulatedName(db, 'FOO TOY', new Set(['alpha']))).reason).toBe(
      'UnsupportedSimulatedDevice',
    );
  });
});
