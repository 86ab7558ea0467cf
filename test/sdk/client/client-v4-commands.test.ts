import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, websocketTransport } from '../../../sdk/index.js';
import { rejection, waitForDevices } from '../../support/observables.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';

// The spec v4 DeviceList of protocol-notes §3.5: a Nora (vibrate, bidirectional rotate, battery)
// and an OSR2 (Position + HwPositionWithDuration). plugkit's server has no protocol for these yet.
const devices = {
  '0': {
    DeviceIndex: 0,
    DeviceName: 'Lovense Nora',
    DeviceMessageTimingGap: 100,
    DeviceFeatures: {
      '0': { FeatureIndex: 0, FeatureDescription: '', Output: { Vibrate: { Value: [0, 20] } } },
      '1': { FeatureIndex: 1, FeatureDescription: '', Output: { Rotate: { Value: [-20, 20] } } },
      '2': {
        FeatureIndex: 2,
        FeatureDescription: 'battery Level',
        Input: { Battery: { Value: [[0, 100]], Command: ['Read'] } },
      },
    },
  },
  '1': {
    DeviceIndex: 1,
    DeviceName: 'TCode v0.3 (Single Linear Axis)',
    DeviceDisplayName: 'My OSR2',
    DeviceMessageTimingGap: 100,
    DeviceFeatures: {
      '0': {
        FeatureIndex: 0,
        FeatureDescription: '',
        Output: {
          Position: { Value: [0, 1000] },
          HwPositionWithDuration: { Value: [0, 1000], Duration: [0, 100000] },
        },
      },
    },
  },
};

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('spec v4 command shapes', () => {
  it('sends rotate with a sign, strokes with a duration, reads battery, stops with StopCmd', async () => {
    server = await startRawServer((m, c) => {
      if (m.type === 'RequestServerInfo')
        return c.reply('ServerInfo', {
          Id: m.Id,
          ProtocolVersionMajor: 4,
          ProtocolVersionMinor: 0,
          MaxPingTime: 0,
          ServerName: 'raw v4',
        });
      if (m.type === 'RequestDeviceList') return c.reply('DeviceList', { Id: m.Id, Devices: devices });
      if (m.type === 'InputCmd')
        return c.reply('InputReading', {
          Id: m.Id,
          DeviceIndex: m['DeviceIndex'],
          FeatureIndex: m['FeatureIndex'],
          Reading: { Battery: { Value: 42 } },
        });
      c.reply('Ok', { Id: m.Id });
    });
    const client = await connect({
      name: 'v4 shapes',
      transports: websocketTransport(server.url, { WebSocket }),
    });
    try {
      const [nora, osr] = await waitForDevices(client, 2);
      expect(osr!.displayName).toBe('My OSR2');
      await nora!.rotate(0.5, false);
      await nora!.rotate(1);
      await nora!.outputs('Rotate')[0]!.setSteps(-3);
      expect(await nora!.battery()).toBe(0.42);
      await osr!.linear(0.5, 400);
      await osr!.outputs('Position')[0]!.set(0.25);
      await osr!.stop();
      await client.stopAll();
      expect((await rejection(osr!.linear(0.5, 200_000))).code).toBe('INVALID_ARGUMENT'); // beyond Duration range
      expect((await rejection(osr!.outputs('Position')[0]!.moveTo(0.5, 100))).code).toBe('INVALID_ARGUMENT');
      expect((await rejection(nora!.outputs('Rotate')[0]!.setSteps(-21))).code).toBe('INVALID_ARGUMENT');

      const sent = server.received
        .filter((m) => !['RequestServerInfo', 'RequestDeviceList'].includes(m.type))
        .map(({ Id: _i, conn: _c, ...rest }) => rest);
      expect(sent).toEqual([
        { type: 'OutputCmd', DeviceIndex: 0, FeatureIndex: 1, Command: { Rotate: { Value: -10 } } },
        { type: 'OutputCmd', DeviceIndex: 0, FeatureIndex: 1, Command: { Rotate: { Value: 20 } } },
        { type: 'OutputCmd', DeviceIndex: 0, FeatureIndex: 1, Command: { Rotate: { Value: -3 } } },
        { type: 'InputCmd', DeviceIndex: 0, FeatureIndex: 2, Type: 'Battery', Command: 'Read' },
        {
          type: 'OutputCmd',
          DeviceIndex: 1,
          FeatureIndex: 0,
          Command: { HwPositionWithDuration: { Value: 500, Duration: 400 } },
        },
        { type: 'OutputCmd', DeviceIndex: 1, FeatureIndex: 0, Command: { Position: { Value: 250 } } },
        { type: 'StopCmd', DeviceIndex: 1, Inputs: false, Outputs: true },
        { type: 'StopCmd', Inputs: false, Outputs: true },
      ]);
    } finally {
      await client.disconnect();
    }
  });
});
