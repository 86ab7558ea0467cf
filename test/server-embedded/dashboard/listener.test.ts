/**
 * The dashboard listener without a browser: what it serves, whom it refuses, how it checks and
 * carries out the page's commands, and that a page that stops reading gets no more updates.
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  PlugkitServer,
  startDashboard,
  startServer,
  type DashboardListener,
} from '../../../server-embedded/index.js';
import type {
  DashboardMessage,
  ResultMessage,
  UpdateMessage,
} from '../../../server-embedded/dashboard/messages.js';
import { parseServeArgs } from '../../../server-embedded/cli/serve-flags.js';
import { VirtualClock } from '../../../sdk/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A dashboard socket that collects messages; acknowledges updates unless told not to. */
class PageSocket {
  readonly messages: DashboardMessage[] = [];
  private nextId = 1;
  ackUpdates = true;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as DashboardMessage;
      this.messages.push(msg);
      if (msg.t === 'update' && this.ackUpdates) ws.send(JSON.stringify({ ack: msg.seq }));
    });
  }
  static async open(port: number, origin?: string): Promise<PageSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin ? { origin } : {});
    const page = new PageSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return page;
  }
  /** Sends a raw frame and waits (bounded) for the result with this id. */
  async raw(frame: string, id: number): Promise<ResultMessage> {
    this.ws.send(frame);
    for (let i = 0; i < 500; i++) {
      const r = this.messages.find((m): m is ResultMessage => m.t === 'result' && m.id === id);
      if (r) return r;
      await sleep(10);
    }
    throw new Error(`no result for command ${id}`);
  }
  command(cmd: Record<string, unknown>): Promise<ResultMessage> {
    const id = this.nextId++;
    return this.raw(JSON.stringify({ id, ...cmd }), id);
  }
  updates(): UpdateMessage[] {
    return this.messages.filter((m): m is UpdateMessage => m.t === 'update');
  }
  /** Waits (bounded) until some update satisfies `ok`. */
  async until(ok: (u: UpdateMessage) => boolean): Promise<UpdateMessage> {
    for (let i = 0; i < 500; i++) {
      const u = this.updates().find(ok);
      if (u) return u;
      await sleep(10);
    }
    throw new Error('the awaited update never came');
  }
  close(): void {
    this.ws.close();
  }
}

let server: PlugkitServer;
let dashboard: DashboardListener;
const pages: PageSocket[] = [];

beforeEach(async () => {
  server = await PlugkitServer.create({ log: 'off' });
  dashboard = await startDashboard(server, { port: 0, flushIntervalMs: 10 });
});
afterEach(async () => {
  for (const p of pages.splice(0)) p.close();
  await dashboard.close();
  await server.close();
});

const open = async (origin?: string) => {
  const p = await PageSocket.open(dashboard.port, origin);
  pages.push(p);
  return p;
};

describe('dashboard listener', () => {
  it('listens on 127.0.0.1 and serves the page with a strict content policy', async () => {
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/`);
    const res = await fetch(dashboard.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<script type="module" src="/app.js">');
    for (const asset of ['app.js', 'view.js', 'plot.js', 'log.js', 'dashboard.css'])
      expect((await fetch(dashboard.url + asset)).status).toBe(200);
    expect((await fetch(dashboard.url + '../package.json')).status).toBe(404);
    expect((await fetch(dashboard.url + 'nothing-here')).status).toBe(404);
  });

  it('refuses sockets from other origins and requests under other host names', async () => {
    await expect(PageSocket.open(dashboard.port, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(PageSocket.open(dashboard.port, 'http://127.0.0.1:1')).rejects.toThrow(/403/);
    // DNS rebinding: a page of another site reaching 127.0.0.1 under its own name.
    const rebound = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: dashboard.port,
          path: '/',
          headers: { host: `evil.example:${dashboard.port}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(rebound).toBe(421);
    const own = await open(`http://127.0.0.1:${dashboard.port}`);
    for (let i = 0; i < 500 && own.messages.length === 0; i++) await sleep(10);
    expect(own.messages[0]?.t).toBe('snapshot');
  });

  it('answers a bad command with the JSON path of the bad field, and carries on', async () => {
    const page = await open();
    expect((await page.raw('not json', 0)).message).toMatch(/\$ is not JSON/);
    expect((await page.command({ cmd: 'explode' })).message).toMatch(/\$\.cmd must be one of/);
    expect((await page.command({ cmd: 'add', name: 42 })).message).toMatch(/\$\.name must be a string/);
    expect(
      (await page.command({ cmd: 'notify', address: 'a', endpoint: 'rx', data: [1, 300] })).message,
    ).toMatch(/\$\.data\[1\] must be a whole number 0\.\.255/);
    expect(
      (await page.command({ cmd: 'notify', address: 'a', endpoint: 'RX; rm', data: [1] })).message,
    ).toMatch(/\$\.endpoint has an unexpected form/);
    expect((await page.command({ cmd: 'drop', address: 'nobody' })).message).toMatch(
      /no simulated toy has the address/,
    );
    const unknown = await page.command({ cmd: 'add', name: 'Definitely Not A Toy' });
    expect(unknown.ok).toBe(false);
    expect(unknown.message).toMatch(/no toy in the device database advertises/);
    expect(server.simulated.devices).toHaveLength(0);
    // Still serving.
    expect((await page.command({ cmd: 'search', text: 'vivi' })).ok).toBe(true);
  });

  it('searches the device database for toys it can simulate', async () => {
    const page = await open();
    const r = await page.command({ cmd: 'search', text: 'aneros vivi' });
    expect(r.results).toContainEqual({
      name: 'Massage Demo',
      protocol: 'aneros',
      model: 'Aneros Vivi',
      features: 'Vibrate×2',
    });
    // Toys known only after a handshake cannot come up simulated, so they are not offered.
    const lovense = await page.command({ cmd: 'search', text: 'lovense' });
    expect(lovense.results!.every((e) => e.model !== undefined && !e.name.endsWith('*'))).toBe(true);
  });

  it('adds a simulated toy, makes it drop its link, and removes it', async () => {
    const page = await open();
    const added = await page.command({ cmd: 'add', name: 'massage demo' });
    expect(added.ok).toBe(true);
    const update = await page.until((u) => (u.devices?.length ?? 0) === 1);
    const device = update.devices![0]!;
    expect(device).toMatchObject({ index: 0, name: 'Aneros Vivi', protocol: 'aneros', simulated: true });
    expect(device.features.map((f) => f.outputs.map((o) => o.type))).toEqual([['Vibrate'], ['Vibrate']]);
    expect(server.manager.devices.size).toBe(1);

    // Nothing subscribed on the Vivi: the page is told nothing was sent.
    const notify = await page.command({ cmd: 'notify', address: device.address, endpoint: 'rx', data: [1] });
    expect(notify.ok).toBe(false);
    expect(notify.message).toMatch(/not subscribed|has not subscribed/);

    expect((await page.command({ cmd: 'drop', address: device.address })).ok).toBe(true);
    await page.until((u) => u.log.some((l) => l[1] === 'device' && l[3].includes('removed')));
    expect(server.manager.devices.size).toBe(0);
    // Dropped, not removed: a scan finds it again.
    expect(server.simulated.devices).toHaveLength(1);

    expect((await page.command({ cmd: 'remove', address: device.address })).ok).toBe(true);
    expect(server.simulated.devices).toHaveLength(0);
  });

  it('stops every device on stop-all', async () => {
    const page = await open();
    await page.command({ cmd: 'add', name: 'Massage Demo' });
    await page.until((u) => (u.devices?.length ?? 0) === 1);
    const toy = server.simulated.devices[0]!;
    await server.core.output({ DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 100 } } });
    const before = toy.writes.length;
    const r = await page.command({ cmd: 'stop-all' });
    expect(r).toMatchObject({ ok: true, message: 'stopped 1 device' });
    expect(toy.writes.length).toBeGreaterThan(before);
    await page.until((u) => u.samples.some((s) => s[1] === 0 && s[3].at(-1) === 0));
  });

  it('sends a page that does not acknowledge at most two updates, then catches it up in one', async () => {
    const page = await open();
    await page.command({ cmd: 'add', name: 'Massage Demo' });
    await page.until((u) => (u.devices?.length ?? 0) === 1);
    page.ackUpdates = false;
    const seen = page.updates().length;
    for (let i = 0; i < 200; i++) {
      await server.core.output({
        DeviceIndex: 0,
        FeatureIndex: 0,
        Command: { Vibrate: { Value: (i % 100) + 1 } },
      });
      if (i % 20 === 0) await sleep(15);
    }
    await sleep(100);
    const held = page.updates().length - seen;
    expect(held).toBeLessThanOrEqual(2);
    const last = page.updates().at(-1)!;
    page.ws.send(JSON.stringify({ ack: last.seq }));
    const caughtUp = await page.until((u) => u.seq > last.seq);
    // The rest of the 200 outputs arrive coalesced in the next update, not as a backlog.
    const levels = caughtUp.samples.find((s) => s[1] === 0)![3].filter((_, i) => i % 2 === 1);
    expect(levels.length).toBeGreaterThan(20);
    expect(levels.at(-1)).toBeCloseTo(100 / 127);
  });

  it('is part of startServer({ dashboard }) and closes with it', async () => {
    const running = await startServer({ log: 'off', dashboard: { port: 0 } });
    const url = running.dashboard!.url;
    expect((await fetch(url)).status).toBe(200);
    await running.close();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('says which port is taken', async () => {
    await expect(startDashboard(server, { port: dashboard.port })).rejects.toThrow(
      /dashboard port \d+ on 127\.0\.0\.1 is already in use; pick another with --dashboard-port/,
    );
  });
});

describe('serve flags', () => {
  it('takes --dashboard and --dashboard-port N', () => {
    expect(parseServeArgs([]).dashboard).toBe(false);
    expect(parseServeArgs(['--dashboard']).dashboard).toBe(true);
    expect(parseServeArgs(['--dashboard-port', '0']).dashboardPort).toBe(0);
    expect(() => parseServeArgs(['--dashboard-port', 'x'])).toThrow(
      /--dashboard-port expects a whole number/,
    );
    expect(() => parseServeArgs(['--dashboard-port', '70000'])).toThrow(/at most 65535/);
  });
});

describe('dashboard on a virtual clock', () => {
  it('sends updates only when a flush interval of the server clock has passed', async () => {
    const clock = new VirtualClock(1_000);
    const vserver = await PlugkitServer.create({ log: 'off', clock, simulate: ['Massage Demo'] });
    const vdash = await startDashboard(vserver, { port: 0, flushIntervalMs: 50 });
    const page = await PageSocket.open(vdash.port);
    try {
      for (let i = 0; i < 500 && page.messages.length === 0; i++) await sleep(5);
      expect(page.messages[0]).toMatchObject({ t: 'snapshot', now: 1_000, devices: [] });
      await vserver.core.startScanning();
      for (let i = 0; i < 500 && vserver.manager.devices.size === 0; i++) await sleep(5);
      await vserver.core.output({ DeviceIndex: 0, FeatureIndex: 0, Command: { Vibrate: { Value: 64 } } });
      await sleep(50);
      expect(page.updates()).toHaveLength(0);
      await clock.advanceAsync(50);
      const u = await page.until(() => true);
      expect(u).toMatchObject({ seq: 1, now: 1_050 });
      expect(u.devices?.map((d) => d.name)).toEqual(['Aneros Vivi']);
      expect(u.samples).toEqual([[0, 0, 'Vibrate', [1_000, 64 / 127]]]);
    } finally {
      page.close();
      await vdash.close();
      await vserver.close();
    }
  });
});
