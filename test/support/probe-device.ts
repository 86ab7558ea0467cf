/**
 * A test toy with one of everything, so conversions can be checked at the bytes. Its protocol
 * ("probe") is registered through the server's public `protocols` option and writes each output
 * command as readable text on tx: `<feature>:<type>:<device value>[@<duration>]`.
 */
import { ascii, write, type Protocol } from '../../server-embedded/protocols/types.js';
import { protocols as builtin } from '../../server-embedded/protocols/index.js';
import type { SimulatedDeviceSpec } from '../../server-embedded/hardware/simulated/backend.js';

export const PROBE_RSSI = -42;

export const probeProtocol: Protocol = {
  name: 'probe',
  create: ({ hardware, emitReading }) => {
    const sub = hardware.notification$.subscribe((n) => {
      if (n.endpoint === 'rx') emitReading(6, 'Pressure', n.data[0]! * 256 + n.data[1]!);
    });
    return {
      output: (cmd) => [
        write(
          'tx',
          ascii(
            `${cmd.featureIndex}:${cmd.type}:${cmd.value}${cmd.duration !== undefined ? `@${cmd.duration}` : ''}`,
          ),
        ),
      ],
      async readInput(_feature, type) {
        if (type === 'Rssi') return PROBE_RSSI;
        return (await hardware.read('rxblebattery', 1, 1000))[0]!;
      },
      subscribeInput: () => hardware.subscribe('rx'),
      unsubscribeInput: () => hardware.unsubscribe('rx'),
      dispose: () => sub.unsubscribe(),
    };
  },
};

/** Built-in protocols plus the probe. */
export const withProbe = new Map([...builtin, ['probe', probeProtocol]]);

const features = [
  { index: 0, id: 'f0', description: 'Left motor', output: { vibrate: { value: [0, 20] } } },
  { index: 1, id: 'f1', output: { rotate: { value: [-20, 20] } } },
  { index: 2, id: 'f2', output: { oscillate: { value: [0, 10] }, constrict: { value: [0, 5] } } },
  {
    index: 3,
    id: 'f3',
    output: {
      position: { value: [0, 100] },
      hw_position_with_duration: { value: [0, 100], duration: [0, 100000] },
    },
  },
  { index: 4, id: 'f4', output: { temperature: { value: [-10, 10] } } },
  {
    index: 5,
    id: 'f5',
    description: 'battery Level',
    input: { battery: { value: [[0, 100]], command: ['Read'] } },
  },
  {
    index: 6,
    id: 'f6',
    input: {
      pressure: { value: [[0, 2000]], command: ['Subscribe'] },
      rssi: { value: [[-128, 0]], command: ['Read'] },
    },
  },
  { index: 7, id: 'f7', description: 'Right motor', output: { vibrate: { value: [0, 100] } } },
];

/** User config (official v4 user format) defining the probe toy; optional device entries. */
export function probeUserConfig(devices: unknown[] = []): string {
  return JSON.stringify({
    version: { major: 4, minor: 0 },
    user_configs: {
      protocols: {
        probe: {
          communication: [
            {
              btle: {
                names: ['Probe', 'Probe B'],
                services: {
                  '0000ffe0-0000-1000-8000-00805f9b34fb': {
                    tx: '0000ffe1-0000-1000-8000-00805f9b34fb',
                    rx: '0000ffe2-0000-1000-8000-00805f9b34fb',
                    rxblebattery: '0000ffe3-0000-1000-8000-00805f9b34fb',
                  },
                },
              },
            },
          ],
          configurations: [
            { identifier: ['Probe', 'Probe B'], name: 'Probe Toy', id: 'probe-def', features },
          ],
        },
      },
      devices,
    },
  });
}

/** A user config device entry for a probe at `address`. */
export const probeEntry = (address: string, userConfig: Record<string, unknown>) => ({
  identifier: { protocol: 'probe', identifier: 'Probe', address },
  config: { base_id: 'probe-def', user_config: { allow: false, deny: false, index: 0, ...userConfig } },
});

/** A simulated probe toy whose battery reads `battery` percent. */
export const probeSpec = (battery = 64, name = 'Probe'): SimulatedDeviceSpec => ({
  name,
  onRead: () => Uint8Array.of(battery),
});

/** Text written to the probe's tx endpoint, in order. */
export const probeLines = (writes: { endpoint: string; data: number[] }[]): string[] =>
  writes.filter((w) => w.endpoint === 'tx').map((w) => String.fromCharCode(...w.data));
