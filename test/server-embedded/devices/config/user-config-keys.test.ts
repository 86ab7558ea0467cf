/** A user device config with a key the format does not have is refused, naming the key. */
import { describe, expect, it } from 'vitest';
import { readUserConfig } from '../../../../server-embedded/devices/config/official-format.js';

const message = (json: unknown): string => {
  try {
    readUserConfig(JSON.stringify(json), 'my-user.json');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('user config keys', () => {
  const version = { major: 4, minor: 0 };

  it('names an unknown top-level key and the nearest known one', () => {
    const m = message({ version, user_config: { devices: [] } });
    expect(m).toContain('my-user.json');
    expect(m).toContain('$.user_config');
    expect(m).toMatch(/unknown key "user_config"; did you mean "user_configs"\?/);
  });

  it('names an unknown key under user_configs', () => {
    expect(message({ version, user_configs: { device: [] } })).toMatch(
      /\$\.user_configs\.device: unknown key "device"; did you mean "devices"\?/,
    );
  });

  it('takes a file with only known keys', () => {
    expect(readUserConfig(JSON.stringify({ version, user_configs: { devices: [] } }))).toEqual({
      protocols: [],
      devices: [],
    });
  });
});
