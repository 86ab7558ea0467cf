import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import { firstValueFrom, filter } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ManualMediaClock, connect, parseScriptSet, realClock, syncScript } from '../../../sdk/index.js';
import { loadSerialBackend } from '../../../server-embedded/hardware/serial/load.js';
import { embedded } from '../../../server-embedded/index.js';

const haveSocat = spawnSync('socat', ['-V']).status === 0;
if (!haveSocat) console.warn('tcode pty tests skipped: socat is not installed (apt-get install socat)');

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const AXES = ['L0', 'L1', 'L2', 'R0', 'R1', 'R2', 'V0', 'V1'] as const;

/** An SR6-like user config: every axis a feature, named by its description. */
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
              name: 'SR6 (multi-axis)',
              id: 'c0de0000-0000-4000-8000-000000000000',
              features: AXES.map((axis, index) => ({
                index,
                id: `c0de0000-0000-4000-8000-00000000001${index}`,
                description: axis,
                output: axis.startsWith('V')
                  ? { vibrate: { value: [0, 99] } }
                  : { hw_position_with_duration: { value: [0, 1000], duration: [0, 100000] } },
              })),
            },
          ],
        },
      },
    },
  });

describe.skipIf(!haveSocat)('TCode multi-axis over a socat pty', () => {
  it('a multi-axis script set drives every declared axis of an SR6 over serial (real clock)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugkit-tcode-'));
    const a = join(dir, 'sr6-a');
    const b = join(dir, 'sr6-b');
    const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => socat.once('exit', r));
    let received = '';
    let stream: ReadStream | undefined;
    const { backend } = await loadSerialBackend();
    const transport = embedded({ backends: [backend], userDeviceConfigTexts: [userConfig(a)], log: 'off' });
    let client: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      await until(() => existsSync(a) && existsSync(b), 'socat to create the pty links');
      stream = new ReadStream(openSync(b, 'r+'));
      stream.on('data', (d: Buffer | string) => (received += d.toString()));
      client = await connect({ name: 'tcode sync', transports: [transport] });
      await client.startScanning();
      const [device] = await firstValueFrom(client.devices$.pipe(filter((l) => l.length === 1)));
      expect(device!.name).toBe('SR6 (multi-axis)');
      expect(device!.features.map((f) => f.description)).toEqual([...AXES]);

      const track = (low: number, high: number) =>
        JSON.stringify({
          actions: [0, 150, 300, 450, 600].map((at, i) => ({ at, pos: i % 2 ? high : low })),
        });
      const set = parseScriptSet({
        'clip.funscript': track(0, 100),
        'clip.surge.funscript': track(10, 90),
        'clip.sway.funscript': track(20, 80),
        'clip.twist.funscript': track(30, 70),
        'clip.roll.funscript': track(40, 60),
        'clip.pitch.funscript': track(0, 50),
        'clip.vib.funscript': track(0, 100),
        'clip.pump.funscript': track(100, 0),
      });
      const media = new ManualMediaClock(realClock);
      media.play();
      const handle = syncScript(client, set, { clock$: media.report$, softStartMs: 0 });
      await until(
        () => AXES.every((ax) => received.includes(`\n${ax}`) || received.startsWith(ax)),
        'every axis',
      );
      await handle.stop();
      const lines = received.trim().split('\n');
      for (const ax of AXES) expect(lines.some((l) => l.startsWith(ax))).toBe(true);
      for (const l of lines) expect(l).toMatch(/^(([LR][0-2]\d{4}I\d+)|(V[01]\d{4}))$/);
      // the stroke axis goes to the top of its first stroke (pos 100 → 9999) over ≈150 ms
      const first = lines.find((l) => l.startsWith('L0'))!;
      expect(first).toMatch(/^L09999I\d+$/);
      expect(Number(first.split('I')[1])).toBeLessThanOrEqual(150);
    } finally {
      await client?.disconnect();
      stream?.destroy();
      socat.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
