/**
 * The official buttplug 1.0.17 client (spec v2; buttplug-rs compiled to wasm) against plugkit
 * over a real WebSocket. The wasm package needs `--experimental-wasm-modules`, so it runs in a
 * child Node process (interop-v2-client.mjs) that reports each step; the bytes at the simulated
 * Kiiroo Spot are checked here.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, writesTo, type Running } from '../../support/wire-client.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const script = fileURLToPath(new URL('./interop-v2-client.mjs', import.meta.url));

/** Runs the client script; resolves with its exit code and the JSON lines it printed. */
function runClient(
  url: string,
): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-wasm-modules', '--no-warnings', script, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const lines = out
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
  });
}

describe('buttplug 1.0.17 (spec v2) client', () => {
  it('lists, vibrates, reads the battery of and stops a Kiiroo Spot', { timeout: 40000 }, async () => {
    running = await startServer({ simulate: [{ name: 'SPOT W1', onRead: () => Uint8Array.of(87) }] });
    const sim = running.server.simulated.devices[0]!;
    const seenVersions: (number | undefined)[] = [];
    running.server.manager.changed$.subscribe(() =>
      seenVersions.push(running!.server.activeSession?.specVersion),
    );
    const { code, lines, stderr } = await runClient(running.url);
    expect({ code, lines, stderr: code === 0 ? '' : stderr }).toMatchObject({ code: 0 });
    expect(seenVersions).toEqual([2]);
    expect(lines.map((l) => l['step'])).toEqual([
      'connected',
      'deviceadded',
      'vibrated',
      'battery',
      'stopped',
      'disconnected',
    ]);
    expect(lines[1]).toMatchObject({ name: 'Kiiroo Spot', index: 0 });
    expect(lines[3]!['level']).toBeCloseTo(0.87, 5);
    expect(writesTo(sim, 'tx')).toEqual([
      [0x00, 0xff, 0x00, 0x00, 0x00, 50],
      [0x00, 0xff, 0x00, 0x00, 0x00, 0],
    ]);
    expect(sim.commands.filter((c) => c.kind === 'read')).toEqual([
      { kind: 'read', endpoint: 'rxblebattery', length: 1 },
    ]);
  });
});
