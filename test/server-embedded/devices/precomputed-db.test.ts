import { describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../server-embedded/devices/config/database.js';
import {
  fromPrecomputed,
  loadBuiltinDatabase,
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
