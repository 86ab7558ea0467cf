import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requestedBackends, type BackendRequest } from '../../../../server-embedded/hardware/catalog.js';
import { silentLogger } from '../../../../server-embedded/log.js';

const all: BackendRequest = {
  useBluetoothLe: true,
  useSerial: true,
  useHid: true,
  useDeviceWebsocketServer: true,
  deviceWebsocketServerPort: 0,
};

describe('backend catalog', () => {
  it('loads only what was asked for', async () => {
    const none = await requestedBackends(
      { ...all, useBluetoothLe: false, useSerial: false, useHid: false, useDeviceWebsocketServer: false },
      silentLogger,
    );
    expect(none).toEqual([]);
  });

  it('loads every requested backend lazily and says why one is unavailable', async () => {
    const statuses = await requestedBackends(all, silentLogger, {
      hid: async () => {
        throw new Error('the system library libusb-1.0 is missing (install libusb-1.0-0)');
      },
    });
    try {
      expect(statuses.map((s) => s.name)).toEqual(['bluetooth-le', 'serial', 'hid', 'websocket-devices']);
      const byName = Object.fromEntries(statuses.map((s) => [s.name, s]));
      expect(byName['hid']).toEqual({
        name: 'hid',
        reason: 'the system library libusb-1.0 is missing (install libusb-1.0-0)',
      });
      expect(byName['serial']!.backend?.name).toBe('serial');
      expect(byName['websocket-devices']!.backend?.name).toBe('websocket-devices');
      // Bluetooth: unavailable here with the precise reason, or active on a machine with a radio.
      const ble = byName['bluetooth-le']!;
      if (!ble.backend) expect(ble.reason).toMatch(/Bluetooth|noble/);
    } finally {
      for (const s of statuses) await s.backend?.close();
    }
  });
});

const cli = fileURLToPath(new URL('../../../../dist/cli.js', import.meta.url));
const built = existsSync(cli);
if (!built)
  console.warn('CLI test skipped: dist/cli.js is missing (npm test builds it; or run npm run build)');

describe.skipIf(!built)('plugkit serve with every hardware flag', () => {
  it('starts, prints one line per backend, serves, and stops cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'serve',
        '--websocket-port',
        '0',
        '--use-bluetooth-le',
        '--use-serial',
        '--use-hid',
        '--use-device-websocket-server',
        '--device-websocket-server-port',
        '0',
        '--log',
        'off',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "listening" line; output so far:\n${out}`)),
          15_000,
        );
        child.stdout.on('data', () => {
          if (out.includes('listening on ws://')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => reject(new Error(`serve exited early:\n${out}`)));
      });
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(/^bluetooth-le: (active|unavailable — .+)$/);
      expect(lines[1]).toMatch(/^serial: active/);
      expect(lines[2]).toMatch(/^hid: (active|unavailable — .+)$/);
      expect(lines[3]).toMatch(/^websocket-devices: active \(devices connect to ws:\/\/0\.0\.0\.0:\d+\)$/);
      expect(lines.at(-1)).toMatch(/^listening on ws:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    expect(out).toContain('stopped: all devices stopped');
  });
});
