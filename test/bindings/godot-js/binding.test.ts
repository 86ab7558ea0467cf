import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type RawData } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlugkitServer, listenWebSocket, type WebSocketListener } from '../../../server-embedded/index.js';
import { until } from '../../support/until.js';
import { Game } from './game.js';
import { BUNDLE, ROOT, nodeEngine, quickjsEngine, type GameEngine } from './stand-in/engines.js';
import { NodeHost } from './stand-in/host.js';

const CLI = join(ROOT, 'dist/cli.js');
/** Whether `plugkit serve` in this tree knows --stdin-lifeline (the helper executable's flag). */
const SERVE_FLAGS = readFileSync(join(ROOT, 'server-embedded/cli/serve-flags.ts'), 'utf8');
const LIFELINE = SERVE_FLAGS.includes("'stdin-lifeline'");
/** Whether it knows --port-file (what the create_process fallback reads the port from). */
const PORT_FILE = SERVE_FLAGS.includes("'port-file'");

/** Builds dist/godot when it is missing or older than the binding's sources. */
function ensureBundle(): void {
  const newest = Math.max(
    ...[
      'bindings/godot-js/plugkit-godot.ts',
      'bindings/godot-js/websocket-peer-transport.ts',
      'bindings/godot-js/helper-process.ts',
      'bindings/godot-js/pattern-fallback.ts',
      'bindings/godot-js/media-source.ts',
    ].map((f) => statSync(join(ROOT, f)).mtimeMs),
  );
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newest) return;
  execFileSync(process.execPath, ['scripts/build-godot.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 120_000,
  });
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

// A pattern the toy can be checked against: a quarter for 300 ms, then off.
const PATTERN = JSON.stringify({
  version: 1,
  tracks: [
    {
      keyframes: [
        { at: 0, value: 0.25 },
        { at: 300, value: 0.25 },
        { at: 301, value: 0 },
      ],
    },
  ],
});

const resRoot = mkdtempSync(join(tmpdir(), 'plugkit-godot-res-'));
let host: NodeHost;
let game: Game | undefined;

beforeAll(() => ensureBundle());
afterEach(() => {
  game?.stop();
  game?.engine.dispose();
  game = undefined;
  host?.dispose();
});
afterAll(() => rmSync(resRoot, { recursive: true, force: true }));

const engines: [string, (h: NodeHost) => GameEngine | Promise<GameEngine>][] = [
  ['node (V8)', nodeEngine],
  ['quickjs-ng', quickjsEngine],
];

describe.each(engines)('GodotJS binding in %s, against an in-process plugkit server', (_name, make) => {
  let server: PlugkitServer;
  let listener: WebSocketListener;
  beforeAll(async () => {
    server = await PlugkitServer.create({ simulate: ['Massage Demo'], log: 'off' });
    listener = await listenWebSocket(server, { port: 0 });
  });
  afterAll(async () => {
    await listener?.close();
    await server?.close();
  });

  it('connects over WebSocketPeer, finds the toy, vibrates it within the cap, plays a pattern, stops it at quit', async () => {
    host = new NodeHost(resRoot);
    game = new Game(await make(host));
    const info = game.start({
      server_url: listener.url,
      auto_start_helper: false,
      client_name: 'godot test',
      intensity_cap: 0.5,
    });
    expect(info.signals).toEqual([
      'connected',
      'disconnected',
      'device_added',
      'device_removed',
      'scanning_finished',
      'error',
    ]);
    expect(info.exports).toEqual(
      expect.arrayContaining([
        'server_url',
        'auto_connect',
        'auto_start_helper',
        'helper_path',
        'intensity_cap',
      ]),
    );

    expect(await game.signal('connected')).toEqual([expect.stringMatching(/./)]);
    game.call('start_scanning');
    const [index, name] = await game.signal('device_added');
    expect(name).toBe('Aneros Vivi');
    const sim = server.simulated.devices[0]!;

    // 1.0 asked, the cap (0.5) sent: 0x40 on both motors.
    let from = sim.writes.length;
    game.call('vibrate', index, 1);
    await until(() => sim.writes.length >= from + 2, 'the vibrate writes');
    expect(sim.writes.slice(from).map((w) => w.data)).toEqual(
      expect.arrayContaining([
        [0xf1, 0x40],
        [0xf2, 0x40],
      ]),
    );

    // An unknown device is an error signal naming what is there, not a crash.
    const errorsBefore = game.signals.length;
    game.call('vibrate', 99, 0.5);
    expect((await game.signal('error', errorsBefore))[0]).toMatch(/No device with index 99.*Aneros Vivi/);

    // A pattern: a quarter (0x20), then back to 0 when it ends.
    from = sim.writes.length;
    const id = game.call('play_pattern', PATTERN, { __dict: { device: index } });
    expect(id).toBeGreaterThan(0);
    await until(
      () => sim.writes.slice(from).some((w) => w.data[0] === 0xf1 && w.data[1] === 0x20),
      'the pattern level',
      5000,
    );
    await until(
      () => sim.writes.slice(from).some((w) => w.data[0] === 0xf1 && w.data[1] === 0),
      'the pattern end',
      5000,
    );

    // A funscript in step with a media clock (an AudioStreamPlayer-like object the game moves).
    const strokes = Array.from({ length: 20 }, (_, i) => ({ at: i * 250, pos: i % 2 ? 100 : 0 }));
    writeFileSync(join(resRoot, 'stroke.funscript'), JSON.stringify({ actions: strokes }));
    from = sim.writes.length;
    const started = Date.now();
    game.engine.setMedia(0, true);
    const syncId = game.call('sync_funscript', 'res://stroke.funscript', { __media: true });
    expect(syncId).toBeGreaterThan(0);
    const media = setInterval(() => game?.engine.setMedia((Date.now() - started) / 1000, true), 16);
    try {
      await until(
        () => sim.writes.slice(from).some((w) => w.data[0] === 0xf1 && w.data[1]! > 0),
        'the sync to vibrate',
        5000,
      );
    } finally {
      clearInterval(media);
    }
    // Within the cap: range [0, 0.5].
    expect(Math.max(...sim.writes.slice(from).map((w) => w.data[1]!))).toBeLessThanOrEqual(0x40);
    game.call('stop_playback', syncId);

    // Leave it vibrating, then quit: the toy must stop and the session end.
    game.call('vibrate', -1, 0.5);
    await until(() => sim.writes.at(-1)?.data[1] === 0x40, 'vibrating before quit');
    from = sim.writes.length;
    game.quit();
    await until(() => server.activeSession === undefined, 'the session to end');
    const after = sim.writes.slice(from).map((w) => w.data);
    expect(after).toEqual(
      expect.arrayContaining([
        [0xf1, 0],
        [0xf2, 0],
      ]),
    );
    expect(game.tickErrors).toEqual([]);
  });
});

/** A toy on the other end of a real socket, speaking the WebSocket device protocol. */
class FakeToy {
  readonly frames: number[][] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData, binary: boolean) => {
      if (binary) this.frames.push([...(data as Buffer)]);
    });
  }
  static async connect(port: number): Promise<FakeToy> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    const toy = new FakeToy(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ identifier: 'aneros-sim', address: 'godot-sim-1', version: 1 }));
    return toy;
  }
}

describe.skipIf(!existsSync(CLI)).each(engines)(
  'GodotJS binding in %s, starting the helper executable',
  (_name, make) => {
    it('starts the helper when no server answers, reads its ready line, vibrates a toy it serves, and ends it at quit', async () => {
      const devicePort = await freePort();
      const userConfig = join(resRoot, 'user-devices.json');
      writeFileSync(
        userConfig,
        JSON.stringify({
          version: { major: 4, minor: 0 },
          user_configs: { protocols: { aneros: { communication: [{ websocket: { name: 'aneros-sim' } }] } } },
        }),
      );
      const args = [
        CLI,
        'serve',
        // Once the tree has the helper's lifeline flag, the test runs with it (see docs/godot.md).
        ...(LIFELINE ? ['--stdin-lifeline'] : []),
        '--websocket-port',
        '0',
        '--use-device-websocket-server',
        '--device-websocket-server-port',
        String(devicePort),
        '--user-device-config-file',
        userConfig,
      ];
      host = new NodeHost(resRoot);
      game = new Game(await make(host));
      game.start({
        server_url: `ws://127.0.0.1:${await freePort()}`,
        helper_path: process.execPath,
        // Generous: two shared cores under a full test run start node slowly.
        helper_start_timeout_ms: 40_000,
        helper_args: args.join(' '),
        client_name: 'godot helper test',
      });
      await game.signal('connected', 0, 45_000);
      const pid = game.engine.helperPid();
      expect(pid).toBeGreaterThan(0);
      const proc = host.procs.get(pid)!;

      game.call('start_scanning');
      const toy = await FakeToy.connect(devicePort);
      const [index, name] = await game.signal('device_added');
      expect(name).toBe('Aneros Vivi');
      game.call('vibrate', index, 0.5);
      await until(() => toy.frames.some((f) => f[0] === 0xf1 && f[1] === 0x40), 'the toy to get F1 40');

      const before = toy.frames.length;
      game.quit();
      await Promise.race([
        proc.exited,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the helper did not exit')), 5000)),
      ]);
      expect(host.procRunning(pid)).toBe(false);
      // With the lifeline the helper leaves by itself (exit code 0); without it the binding kills it.
      if (LIFELINE) expect(proc.child.signalCode).toBeNull();
      else expect(proc.child.signalCode).toBe('SIGKILL');
      expect(toy.frames.slice(before)).toEqual(
        expect.arrayContaining([
          [0xf1, 0],
          [0xf2, 0],
        ]),
      );
      toy.ws.terminate();
    }, 90_000);
  },
);

describe.skipIf(!existsSync(CLI) || !PORT_FILE)('GodotJS binding without execute_with_pipe', () => {
  it('falls back to OS.create_process, finds the port in the --port-file, connects, and kills the helper at quit', async () => {
    host = new NodeHost(resRoot, { noPipes: true });
    game = new Game(nodeEngine(host));
    game.start({
      server_url: `ws://127.0.0.1:${await freePort()}`,
      helper_path: process.execPath,
      // Generous: two shared cores under a full test run start node slowly.
      helper_start_timeout_ms: 40_000,
      // helper_args is split at spaces: a toy name without one.
      helper_args: [CLI, 'serve', '--websocket-port', '0', '--simulate', '4plus'].join(' '),
    });
    await game.signal('connected', 0, 45_000);
    const pid = game.engine.helperPid();
    expect(host.procs.get(pid)?.child.stdin).toBeNull();
    game.call('start_scanning');
    expect((await game.signal('device_added'))[1]).toBe('WeVibe 4 Plus');
    game.quit();
    await Promise.race([
      host.procs.get(pid)!.exited,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the helper did not exit')), 5000)),
    ]);
    expect(host.procRunning(pid)).toBe(false);
    // The killed helper could not remove its port file; the binding must, or a later start that
    // reused the name would read a dead helper's port.
    expect(readdirSync(host.tempDir()).filter((f) => f.endsWith('.port'))).toEqual([]);
  }, 90_000);
});
