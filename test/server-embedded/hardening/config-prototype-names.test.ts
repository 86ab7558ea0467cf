/**
 * Issue 10, item 1 carried over to config files: output and input kinds were looked up by name on
 * plain objects, so `"output": {"constructor": …}` was taken for a known kind (Object's
 * constructor) instead of being refused. Config keys are now matched as own properties.
 */
import { describe, expect, it } from 'vitest';
import { readBaseConfig } from '../../../server-embedded/devices/config/official-format.js';

const base = (features: unknown) =>
  JSON.stringify({
    version: { major: 4, minor: 0 },
    protocols: {
      aneros: {
        configurations: [{ identifier: ['X'], name: 'X', id: 'x', features }],
        communication: [],
      },
    },
  });

describe('device config keys named after Object.prototype members', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'refuses output kind %s, naming its path',
    (name) => {
      const text = base([{ index: 0, id: 'f', output: JSON.parse(`{"${name}": {"value": [0, 10]}}`) }]);
      expect(() => readBaseConfig(text, 'test.json')).toThrow(/unknown output type/);
      expect(() => readBaseConfig(text, 'test.json')).toThrow(
        new RegExp(`output\\.${name.replace(/_/g, '_')}`),
      );
    },
  );

  it.each(['constructor', 'toString', '__proto__'])('refuses input kind %s', (name) => {
    const text = base([
      { index: 0, id: 'f', input: JSON.parse(`{"${name}": {"value": [0, 10], "command": ["Read"]}}`) },
    ]);
    expect(() => readBaseConfig(text, 'test.json')).toThrow(/unknown input type/);
  });

  it('still reads a real output kind', () => {
    const text = base([{ index: 0, id: 'f', output: { vibrate: { value: [0, 10] } } }]);
    expect(
      readBaseConfig(text, 'test.json').protocols[0]!.configurations[0]!.features?.[0]?.outputs,
    ).toHaveProperty('Vibrate');
  });
});
