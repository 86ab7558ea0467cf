import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinDatabase } from '../../../server-embedded/devices/config/load.js';
import { protocols } from '../../../server-embedded/protocols/index.js';
import { notSupported } from '../../../server-embedded/protocols/not-supported.js';
import { devicesMarkdown, protocolStatuses } from '../../../server-embedded/protocols/status.js';

describe('docs/devices.md', () => {
  it('matches the code (regenerate with: npm run build && node dist/scripts/devices-table.js)', async () => {
    expect(readFileSync('docs/devices.md', 'utf8')).toBe(devicesMarkdown(await loadBuiltinDatabase()));
  });

  it('names only real protocols, and none both supported and not applicable', async () => {
    const names = new Set((await loadBuiltinDatabase()).protocols.map((p) => p.name));
    for (const name of protocols.keys())
      expect(names.has(name), `registry has unknown protocol ${name}`).toBe(true);
    for (const name of notSupported.keys()) {
      expect(names.has(name)).toBe(true);
      expect(protocols.has(name)).toBe(false);
    }
    const statuses = protocolStatuses(await loadBuiltinDatabase());
    expect(statuses).toHaveLength(names.size);
  });
});
