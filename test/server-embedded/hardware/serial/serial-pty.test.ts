import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceOutput, type ButtplugClientDevice } from 'buttplug';
import { SerialBackend, settingsOf } from '../../../../server-embedded/hardware/serial/backend.js';
import { loadSerialBackend } from '../../../../server-embedded/hardware/serial/load.js';
import type { BackendSink, DeviceCandidate } from '../../../../server-embedded/hardware/types.js';
import { nextEvent, serveAndConnect, until } from '../../../support/official-client.js';

const haveSocat = spawnSync('socat', ['-V']).status === 0;
if (!haveSocat) console.warn('serial pty tests skipped: socat is not installed (apt-get install socat)');

/** A connected pseudo-terminal pair from socat: the server opens `a`, the test plays the toy on `b`. */
interface PtyPair {
  a: string;
  b: string;
  /** Everything the toy side received, as text. */
  received(): string;
  /** Sends bytes from the toy side. */
  send(text: string): void;
  close(): Promise<void>;
}

async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'plugkit-pty-'));
  const a = join(dir, 'toy-a');
  const b = join(dir, 'toy-b');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  await until(() => existsSync(a) && existsSync(b), 'socat to create the pty links');
  const fd = openSync(b, 'r+');
  const stream = new ReadStream(fd);
  let text = '';
  stream.on('data', (d: Buffer | string) => (text += d.toString()));
  return {
    a,
    b,
    received: () => text,
    send: (t) => stream.write(t),
    close: async () => {
      stream.destroy();
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A user config pointing tcode-v03 at a port, with a linear + vibrate model (as the reference test's). */
const userConfig = (port: string) =>
  JSON.stringify({
    version: { major: 4, minor: 0 },
    user_configs: {
      protocols: {
        'tcode-v03': {
          communication: [{ serial: { port, baud_rate: 115200, data_bits: 8, stop_bits: 1, parity: 'N' } }],
          configurations: [
            {
              identifier: [port],
              name: 'TCode v0.3 (Single Linear Axis + Single Vibe)',
              id: 'b7a3c1de-0000-4000-8000-000000000001',
              features: [
                {
                  index: 0,
                  id: 'b7a3c1de-0000-4000-8000-000000000002',
                  output: { hw_position_with_duration: { value: [0, 100], duration: [0, 100000] } },
                },
                {
                  index: 1,
                  id: 'b7a3c1de-0000-4000-8000-000000000003',
                  output: { vibrate: { value: [0, 99] } },
                },
              ],
            },
          ],
        },
      },
    },
  });

describe.skipIf(!haveSocat)('serial backend over a real pty pair (socat)', () => {
  let pty: PtyPair;
  beforeEach(async () => {
    pty = await ptyPair();
  });
  afterEach(async () => {
    await pty.close();
  });

  it('a v4 client drives a TCode toy: linear and vibrate arrive as the exact text lines', async () => {
    const { backend } = await loadSerialBackend();
    const run = await serveAndConnect({ backends: [backend], userDeviceConfigTexts: [userConfig(pty.a)] });
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      const finished = nextEvent(run.client, 'scanningfinished');
      await run.client.startScanning();
      const device = await added;
      await finished; // the serial scan is one pass over the ports
      expect(device.name).toBe('TCode v0.3 (Single Linear Axis + Single Vibe)');

      await device.features.get(0)!.runOutput(DeviceOutput.HwPositionWithDuration.value(51, 200));
      await until(() => pty.received().endsWith('\n'), 'the linear line');
      expect(pty.received()).toBe('L051I200\n');

      await device.features.get(1)!.runOutput(DeviceOutput.Vibrate.value(99));
      await until(() => pty.received().length >= 'L051I200\nV199\n'.length, 'the vibrate line');
      expect(pty.received()).toBe('L051I200\nV199\n');

      await device.stop();
      await until(() => pty.received().length >= 'L051I200\nV199\nV100\n'.length, 'the stop line');
      expect(pty.received()).toBe('L051I200\nV199\nV100\n');
    } finally {
      await run.stop();
    }
  });

  it('opens a port with the specifier settings, reads what the device sends, and reports a vanished port', async () => {
    const { backend } = await loadSerialBackend();
    const found: DeviceCandidate[] = [];
    const sink: BackendSink = {
      deviceFound: (c) => found.push(c),
      scanFinished: () => {},
      scanFailed: () => {},
      specifiers: (bus) =>
        bus === 'serial'
          ? ([
              {
                bus: 'serial',
                serial: { port: pty.a, baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'E' },
              },
              {
                bus: 'serial',
                serial: { port: 'default', baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'N' },
              },
            ] as never)
          : [],
      log: () => {},
    };
    await backend.start(sink);
    expect(await backend.ports()).toContain(pty.a);
    expect(await backend.ports()).not.toContain('default');
    await backend.startScanning();
    const candidate = found.find((c) => c.port === pty.a)!;
    expect(candidate).toBeDefined();
    const hw = await candidate.connect({
      bus: 'serial',
      serial: { port: pty.a, baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'E' },
    });
    pty.send('OK;');
    expect(Buffer.from(await hw.read('rx', 3, 2000)).toString()).toBe('OK;');
    await expect(hw.read('rx', 1, 50)).rejects.toThrow(/did not answer within 50 ms/);
    await hw.disconnect();
    await backend.close();

    await expect(
      backend['candidate']('/nonexistent/tty-plugkit').connect({
        bus: 'serial',
        serial: { port: '/nonexistent/tty-plugkit', baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'N' },
      }),
    ).rejects.toThrow(/cannot open serial port \/nonexistent\/tty-plugkit/);
  });
});

describe('serial settings and loading', () => {
  it('maps config parity letters and rejects bad ones', () => {
    const base = { port: 'x', baudRate: 115200, dataBits: 8, stopBits: 1 };
    expect(settingsOf({ ...base, parity: 'N' })).toEqual({
      baudRate: 115200,
      dataBits: 8,
      stopBits: 1,
      parity: 'none',
    });
    expect(settingsOf({ ...base, parity: 'o' }).parity).toBe('odd');
    expect(() => settingsOf({ ...base, parity: 'X' })).toThrow(/parity "X"/);
  });

  it('without udevadm the backend still runs, with a note, and a listing failure names the cause', async () => {
    const { backend, note } = await loadSerialBackend({ canList: async () => false });
    expect(note).toMatch(/udevadm is missing \(install udev\)/);
    const logs: string[] = [];
    const failing = new SerialBackend({
      serialport: {
        SerialPort: Object.assign(function () {} as never, {
          list: async () => {
            throw Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
          },
        }),
      },
    });
    await failing.start({
      deviceFound: () => {},
      scanFinished: () => {},
      scanFailed: () => {},
      specifiers: () => [],
      log: (_l, m) => logs.push(m),
    });
    expect(await failing.ports()).toEqual([]);
    expect(logs).toEqual([expect.stringMatching(/udevadm is missing \(install udev\)/)]);
    await backend.close();
  });
});
