import { describe, expect, it } from 'vitest';
import {
  OUTPUT_CONFIG_KEYS,
  OUTPUT_TYPE_TABLE,
  OUTPUT_TYPES,
  POSITION_OUTPUTS,
  SCALAR_ORDER,
  SIGNED_OUTPUTS,
  STOP_ORDER,
  UNSIGNED_OUTPUTS,
  V3_ACTUATOR_ALIASES,
  V3_SCALAR_ORDER,
  parseFrame,
  v4Shapes,
} from '../../../sdk/protocol/index.js';

// The lists below are the ones plugkit used before they were derived from one table: the
// derivations must reproduce them exactly (indexes, stop behaviour and sign rules depend on it).
describe('output-type table', () => {
  it('derives the v4 kinds in listing order', () => {
    expect(OUTPUT_TYPES).toEqual([
      'Vibrate',
      'Rotate',
      'Oscillate',
      'Constrict',
      'Temperature',
      'Led',
      'Position',
      'HwPositionWithDuration',
      'Spray',
    ]);
  });

  it('derives the reference ScalarCmd order and the v3 subset plugkit advertises', () => {
    expect(SCALAR_ORDER).toEqual([
      'Constrict',
      'Temperature',
      'Led',
      'Oscillate',
      'Position',
      'Rotate',
      'Spray',
      'Vibrate',
    ]);
    expect(V3_SCALAR_ORDER).toEqual(['Constrict', 'Oscillate', 'Position', 'Rotate', 'Vibrate']);
  });

  it('derives the stop order, sign classes, config keys and v3 aliases', () => {
    expect(STOP_ORDER).toEqual([
      'Vibrate',
      'Rotate',
      'Oscillate',
      'Constrict',
      'Temperature',
      'Led',
      'Spray',
    ]);
    expect([...UNSIGNED_OUTPUTS].sort()).toEqual(['Constrict', 'Led', 'Oscillate', 'Spray', 'Vibrate']);
    expect([...SIGNED_OUTPUTS].sort()).toEqual(['Rotate', 'Temperature']);
    expect([...POSITION_OUTPUTS].sort()).toEqual(['HwPositionWithDuration', 'Position']);
    expect(OUTPUT_CONFIG_KEYS).toEqual({
      vibrate: 'Vibrate',
      rotate: 'Rotate',
      oscillate: 'Oscillate',
      constrict: 'Constrict',
      temperature: 'Temperature',
      led: 'Led',
      position: 'Position',
      hw_position_with_duration: 'HwPositionWithDuration',
      spray: 'Spray',
    });
    expect([...V3_ACTUATOR_ALIASES]).toEqual([['Inflate', 'Constrict']]);
  });

  it('has no two kinds sharing a name, config key, scalar rank or stop rank', () => {
    for (const column of ['name', 'configKey', 'scalarRank', 'stopRank'] as const) {
      const values = OUTPUT_TYPE_TABLE.map((r) => (r as Record<string, unknown>)[column]).filter(
        (v) => v !== undefined,
      );
      expect(new Set(values).size, column).toBe(values.length);
    }
  });

  it('gives OutputCmd one payload check per kind, by the row shape', () => {
    const send = (command: unknown) =>
      parseFrame(
        JSON.stringify([{ OutputCmd: { Id: 1, DeviceIndex: 0, FeatureIndex: 0, Command: command } }]),
        v4Shapes,
      )[0]!;
    for (const row of OUTPUT_TYPE_TABLE) {
      const payload = row.shape === 'valueWithDuration' ? { Value: 1, Duration: 100 } : { Value: 1 };
      expect(send({ [row.name]: payload }).ok, row.name).toBe(true);
      // The other shape is refused: a Duration only where the row says so.
      const other = row.shape === 'valueWithDuration' ? { Value: 1 } : { Value: 1, Duration: 100 };
      expect(send({ [row.name]: other }).ok, `${row.name} with the wrong payload`).toBe(false);
    }
    expect(send({ Wobble: { Value: 1 } }).ok).toBe(false);
  });
});
