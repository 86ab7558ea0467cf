/** `--simulate NAME@settings` as a real process: a Lovense answers with the battery level set. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect, websocketTransport, type PlugkitClient } from '../../../sdk/index.js';
import { waitForDevices } from '../../support/observables.js';
import { until } from '../../support/server.js';
import { killAll, requireBuiltCli, runCli } from './cli-process.js';

beforeAll(requireBuiltCli);
let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
  killAll();
});

describe('plugkit serve --simulate NAME@settings', () => {
  it('serves a Lovense Hush that reports the battery level given on the command line', async () => {
    const r = runCli(['serve', '--websocket-port', '0', '--simulate', 'LVS-Z36@battery=40']);
    await until(() => r.out.some((l) => l.startsWith('listening on')), 15_000);
    const url = r.out.find((l) => l.startsWith('listening on'))!.slice('listening on '.length);
    client = await connect({
      name: 'settings',
      transports: [websocketTransport(url, { WebSocket })],
    });
    await client.startScanning();
    const [hush] = await waitForDevices(client, 1);
    expect(hush!.name).toBe('Lovense Hush');
    expect(await hush!.battery()).toBe(0.4);
    expect(r.err.filter((l) => l.includes('DeviceType'))).toEqual([]); // answered, no "no answer" warning
  });

  it('stops start-up with exit 2 naming a bad setting', async () => {
    const r = runCli(['serve', '--websocket-port', '0', '--simulate', 'LVS-Z36@batery=40']);
    expect(await r.exit).toBe(2);
    expect(r.err.join('\n')).toMatch(
      /--simulate: simulated toy "LVS-Z36@batery=40": unknown setting "batery"/,
    );
  });
});
