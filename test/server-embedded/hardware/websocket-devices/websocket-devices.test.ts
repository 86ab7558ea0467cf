import { describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { DeviceOutput, type ButtplugClientDevice } from 'buttplug';
import {
  WebSocketDeviceBackend,
  parseHello,
} from '../../../../server-embedded/hardware/websocket-devices/backend.js';
import type { BackendSink, DeviceCandidate, Hardware } from '../../../../server-embedded/hardware/types.js';
import { nextEvent, serveAndConnect, until } from '../../../support/official-client.js';

/** A toy on the other end of a real socket, speaking Intiface's WebSocket device protocol. */
class FakeToy {
  readonly frames: { data: number[]; binary: boolean }[] = [];
  closed: { code: number; reason: string } | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData, binary: boolean) =>
      this.frames.push({ data: [...(data as Buffer)], binary }),
    );
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }
  static async connect(port: number, hello: unknown, opts: { autoPong?: boolean } = {}): Promise<FakeToy> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong: opts.autoPong ?? true });
    const toy = new FakeToy(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    if (hello !== undefined) ws.send(typeof hello === 'string' ? hello : JSON.stringify(hello));
    return toy;
  }
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const anerosUserConfig = JSON.stringify({
  version: { major: 4, minor: 0 },
  user_configs: { protocols: { aneros: { communication: [{ websocket: { name: 'aneros-sim' } }] } } },
});

const sinkInto = (found: DeviceCandidate[], logs: string[] = []): BackendSink => ({
  deviceFound: (c) => found.push(c),
  scanFinished: () => {},
  scanFailed: () => {},
  specifiers: () => [],
  log: (_l, m) => logs.push(m),
});

describe('WebSocket device server (Intiface-compatible)', () => {
  it('a fake toy identified as aneros-sim is vibrated by a v4 client and receives binary [0xF1, 0x40]', async () => {
    const backend = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1' });
    const run = await serveAndConnect({ backends: [backend], userDeviceConfigTexts: [anerosUserConfig] });
    const toys: FakeToy[] = [];
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      toys.push(
        await FakeToy.connect(backend.port, {
          identifier: 'aneros-sim',
          address: 'sim-aneros-1',
          version: 1,
        }),
      );
      const device = await added;
      expect(device.name).toBe('Aneros Vivi');

      await device.features.get(0)!.runOutput(DeviceOutput.Vibrate.percent(0.5));
      await until(() => toys[0]!.frames.length === 1, 'the frame at the toy');
      expect(toys[0]!.frames).toEqual([{ data: [0xf1, 0x40], binary: true }]);

      // The toy hangs up: the device is removed; it comes back at the same index.
      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved');
      await toys[0]!.close();
      expect((await removed).index).toBe(device.index);
      const again = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      toys.push(
        await FakeToy.connect(backend.port, {
          identifier: 'aneros-sim',
          address: 'sim-aneros-1',
          version: 1,
        }),
      );
      expect((await again).index).toBe(device.index);
    } finally {
      await run.stop();
      for (const t of toys) await t.close();
    }
  });

  it('delivers frames from the device as rx notifications only while subscribed; reads are refused', async () => {
    const backend = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1' });
    const found: DeviceCandidate[] = [];
    await backend.start(sinkInto(found));
    const toy = await FakeToy.connect(backend.port, {
      identifier: 'sensor-sim',
      address: 'sim-sensor-1',
      version: 1,
    });
    try {
      await until(() => found.length === 1, 'the device to be announced');
      expect(found[0]).toMatchObject({ bus: 'websocket', name: 'sensor-sim', address: 'sim-sensor-1' });
      const hw: Hardware = await found[0]!.connect({ bus: 'websocket', websocket: { name: 'sensor-sim' } });
      expect(hw.endpoints).toEqual(['tx', 'rx']);
      const got: number[][] = [];
      hw.notification$.subscribe((n) => got.push([n.endpoint === 'rx' ? 1 : 0, ...n.data]));

      // Not subscribed yet: dropped. The server-side socket tells us when the frame was handled
      // (its listeners run in order, the hardware's first).
      const serverSide = [...(backend as unknown as { sockets: Set<WebSocket> }).sockets][0]!;
      const handled = new Promise((resolve) => serverSide.once('message', resolve));
      toy.ws.send(Buffer.from([9, 9]));
      await handled;
      expect(got).toEqual([]);
      await hw.subscribe('rx');
      toy.ws.send(Buffer.from([1, 2, 3]));
      toy.ws.send('5;'); // text frames count as bytes
      await until(() => got.length === 2, 'two notifications');
      expect(got).toEqual([
        [1, 1, 2, 3],
        [1, 0x35, 0x3b],
      ]);
      await hw.unsubscribe('rx');

      await expect(hw.read('rx', 1, 100)).rejects.toThrow(/cannot be read; it only sends notifications/);
      await expect(hw.write('rx', Uint8Array.from([1]), false)).rejects.toThrow(/write to "tx"/);

      let gone = false;
      hw.disconnected$.subscribe({ complete: () => (gone = true) });
      await toy.close();
      await until(() => gone, 'the disconnect');
      await expect(hw.write('tx', Uint8Array.from([1]), false)).rejects.toThrow(/disconnected/);
    } finally {
      await toy.close();
      await backend.close();
    }
  });

  it('closes sockets that do not identify properly, or reuse a connected address', async () => {
    const backend = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1' });
    const found: DeviceCandidate[] = [];
    const logs: string[] = [];
    await backend.start(sinkInto(found, logs));
    const toys: FakeToy[] = [];
    try {
      const bad = await FakeToy.connect(backend.port, '{"identifier": 3}');
      const notJson = await FakeToy.connect(backend.port, 'hello');
      toys.push(bad, notJson);
      await until(
        () => bad.closed !== undefined && notJson.closed !== undefined,
        'the bad toys to be closed',
      );
      expect(bad.closed).toEqual({ code: 4001, reason: '"identifier" must be a non-empty string' });
      expect(notJson.closed).toEqual({ code: 4001, reason: 'the first frame is not JSON' });

      const first = await FakeToy.connect(backend.port, { identifier: 'a', address: 'same', version: 1 });
      toys.push(first);
      await until(() => found.length === 1, 'the first device');
      const twin = await FakeToy.connect(backend.port, { identifier: 'a', address: 'same', version: 1 });
      toys.push(twin);
      await until(() => twin.closed !== undefined, 'the twin to be closed');
      expect(twin.closed!.code).toBe(4002);
      expect(found).toHaveLength(1);
    } finally {
      for (const t of toys) await t.close();
      await backend.close();
    }
  });

  it('drops a device that stops answering WebSocket pings', async () => {
    const backend = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1', keepaliveMs: 30 });
    const found: DeviceCandidate[] = [];
    await backend.start(sinkInto(found));
    const silent = await FakeToy.connect(
      backend.port,
      { identifier: 'x', address: 'silent', version: 1 },
      { autoPong: false },
    );
    const lively = await FakeToy.connect(backend.port, { identifier: 'x', address: 'lively', version: 1 });
    try {
      await until(() => silent.closed !== undefined, 'the silent toy to be dropped');
      expect(lively.closed).toBeUndefined();
    } finally {
      await silent.close();
      await lively.close();
      await backend.close();
    }
  });

  it('reports a busy port as the reason it cannot start', async () => {
    const first = new WebSocketDeviceBackend({ port: 0, host: '127.0.0.1' });
    await first.listen();
    const second = new WebSocketDeviceBackend({ port: first.port, host: '127.0.0.1' });
    await expect(second.listen()).rejects.toThrow(`port ${first.port} is already in use`);
    await first.close();
  });

  it('validates the identification frame', () => {
    expect(parseHello('{"identifier":"a","address":"b","version":1}')).toEqual({
      identifier: 'a',
      address: 'b',
      version: 1,
    });
    expect(parseHello('[1]')).toBe('the first frame must be a JSON object');
    expect(parseHello('{"identifier":"a","address":"b","version":-1}')).toBe(
      '"version" must be a whole number',
    );
  });
});
