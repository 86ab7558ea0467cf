import { describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import { readFileSync } from 'node:fs';
import {
  fromPrecomputed,
  loadBuiltinDatabase,
  splitPrecomputed,
  toPrecomputed,
} from '../../../server-embedded/devices/config/load.js';
import type { DeviceCandidate } from '../../../server-embedded/hardware/types.js';
import { consoleLogger, logs, silentLogger } from '../../../server-embedded/log.js';

describe('precomputed built-in database', () => {
  it('round-trips to the same data, definitions parsed only when a protocol is looked at', async () => {
    const data = await loadBuiltinDatabase();
    const pre = toPrecomputed(data);
    const lazy = fromPrecomputed(JSON.parse(JSON.stringify(pre)) as typeof pre);
    expect(lazy.protocols.map((p) => p.name)).toEqual(data.protocols.map((p) => p.name));
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('splits into a start-up index without definitions and the definitions in protocol order', async () => {
    const data = await loadBuiltinDatabase();
    const pre = toPrecomputed(data);
    const { index, definitions } = splitPrecomputed(pre);
    expect(JSON.stringify(index)).not.toContain('configurations');
    expect(definitions).toEqual(pre.protocols.map((p) => p.definitions));
  });

  it('the build wrote both files, ASCII only, and the built loader reads them back to the same data', async () => {
    const dir = 'dist/server-embedded/devices/config';
    const indexText = readFileSync(`${dir}/builtin-devices.precomputed.json`, 'utf8');
    const definitionsText = readFileSync(`${dir}/builtin-devices.definitions.json`, 'utf8');
    expect([...(indexText + definitionsText)].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(indexText).not.toContain('configurations');
    const built = (await import(
      // The module as built, beside its two files (the source tree has only the plain JSON).
      new URL(`../../../${dir}/load.js`, import.meta.url).href
    )) as typeof import('../../../server-embedded/devices/config/load.js');
    const fromFiles = await built.loadBuiltinDatabase();
    const plain = JSON.parse(
      readFileSync('server-embedded/devices/config/builtin-devices.json', 'utf8'),
    ) as unknown;
    expect(JSON.parse(JSON.stringify(fromFiles))).toEqual(plain);
  });

  it('matches and resolves a toy exactly as the plain data does', async () => {
    const data = await loadBuiltinDatabase();
    const plain = new DeviceDatabase(data);
    const lazy = new DeviceDatabase(fromPrecomputed(toPrecomputed(data)));
    const candidate: DeviceCandidate = {
      bus: 'btle',
      name: 'Ditto',
      address: 'a1',
      connect: () => Promise.reject(new Error('not connected in this test')),
    };
    expect(lazy.match(candidate)).toEqual(plain.match(candidate));
    const [m] = plain.match(candidate);
    expect(m).toBeDefined();
    expect(lazy.resolve(m!.protocol, 'Ditto', 'a1')).toEqual(plain.resolve(m!.protocol, 'Ditto', 'a1'));
  });
});

describe('log levels', () => {
  it('says which levels a logger keeps', () => {
    const warn = consoleLogger('warn');
    expect(logs(warn, 'error')).toBe(true);
    expect(logs(warn, 'debug')).toBe(false);
    expect(logs(silentLogger, 'error')).toBe(false);
    expect(logs(consoleLogger('off'), 'error')).toBe(false);
    // A plain function says nothing: every level counts as kept.
    expect(logs(() => {}, 'debug')).toBe(true);
  });
});
