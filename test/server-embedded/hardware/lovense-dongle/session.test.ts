/**
 * The dongle conversation's less common turns, over an in-memory line link (the serial and HID
 * links themselves are covered end to end in the pty and HID tests).
 */
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { DongleLink } from '../../../../server-embedded/hardware/lovense-dongle/link.js';
import { DongleSession, type SessionSink } from '../../../../server-embedded/hardware/lovense-dongle/session.js';
import type { DeviceCandidate, Hardware } from '../../../../server-embedded/hardware/types.js';
import type { CommunicationSpecifier } from '../../../../server-embedded/devices/config/model.js';
import { until } from '../../../support/official-client.js';

class MemoryLink implements DongleLink {
  readonly description = 'memory link';
  readonly line$ = new Subject<string>();
  readonly sent: string[] = [];
  async send(line: string): Promise<void> {
    this.sent.push(line);
  }
  async close(): Promise<void> {
    this.line$.complete();
  }
  answer(obj: unknown): void {
    this.line$.next(JSON.stringify(obj));
  }
  get funcs(): string[] {
    return this.sent.map((l) => (JSON.parse(l) as { func: string }).func);
  }
}

function harness() {
  const link = new MemoryLink();
  const found: DeviceCandidate[] = [];
  const events: string[] = [];
  const logs: string[] = [];
  const sink: SessionSink = {
    deviceFound: (c) => found.push(c),
    scanFinished: () => events.push('finished'),
    scanFailed: (e) => events.push(`failed: ${e.message}`),
    log: (l, m) => logs.push(`${l} ${m}`),
  };
  const session = new DongleSession(link, sink, {
    statusWaitMs: 20,
    searchAnswerMs: 200,
    stopSearchWaitMs: 50,
  });
  return { link, found, events, logs, session };
}

const toySpecifier: CommunicationSpecifier = { bus: 'btle', btle: { names: ['LVS-*'], services: {} } };

describe('Lovense dongle session', () => {
  it('searches again when the dongle stops on its own, and stopping the scan sends stopSearch', async () => {
    const h = harness();
    h.session.startScanning();
    await h.session.open();
    await until(() => h.link.funcs.includes('search'), 'the search request');
    h.link.answer({ type: 'toy', func: 'search', result: 205 });
    h.link.answer({ type: 'toy', func: 'search', result: 206 });
    await until(() => h.link.funcs.filter((f) => f === 'search').length === 2, 'the second search');
    h.session.stopScanning();
    expect(h.link.funcs).toEqual(['statuss', 'search', 'search', 'stopSearch']);
    expect(h.events).toEqual([]); // the manager ends a stopped scan itself
    await h.session.close();
  });

  it('takes a found toy even when the dongle never confirms the end of the search', async () => {
    const h = harness();
    h.session.startScanning();
    await h.session.open();
    await until(() => h.link.funcs.includes('search'), 'the search request');
    h.link.answer({ type: 'toy', func: 'toyData', data: { id: 'T1' } });
    await until(() => h.found.length === 1, 'the candidate');
    expect(h.found[0]).toMatchObject({ bus: 'btle', name: 'LVS-DongleDevice', address: 'T1' });
    expect(h.events).toEqual(['finished']);
    expect(h.logs.join('\n')).toMatch(/did not confirm the end of its search; using toy T1/);
    await h.session.close();
  });

  it('a paired toy: replies from another id are ignored, a scan finishes at once, the toy leaving fails writes', async () => {
    const h = harness();
    await h.session.open();
    h.link.answer({ type: 'toy', func: 'status', data: { id: 'T1', status: 202 } });
    expect(h.found).toHaveLength(1);
    const hw: Hardware = await h.found[0]!.connect(toySpecifier);
    await expect(h.found[0]!.connect(toySpecifier)).rejects.toThrow(/toy T1 is already connected/);
    const got: string[] = [];
    hw.notification$.subscribe((n) => got.push(Buffer.from(n.data).toString()));
    h.link.answer({ type: 'toy', func: 'toyData', data: { id: 'OTHER', data: 'no;' } });
    h.link.answer({ type: 'toy', func: 'toyData', data: { id: 'T1', data: 'OK;' } });
    expect(got).toEqual(['OK;']);
    await expect(hw.read('rx', 1, 10)).rejects.toThrow(/has no reads/);

    h.session.startScanning();
    expect(h.events).toEqual(['finished']);
    expect(h.link.funcs).toEqual(['statuss']);

    await hw.write('tx', Buffer.from('Vibrate:3;'), false);
    expect(h.link.sent.at(-1)).toBe('{"type":"toy","func":"command","id":"T1","cmd":"Vibrate:3;"}');
    h.link.answer({ type: 'toy', func: 'status', data: { id: 'T1', status: 403 } });
    await expect(hw.write('tx', Buffer.from('Vibrate:0;'), false)).rejects.toThrow(/disconnected/);
    await h.session.close();
  });

  it('a toy the server let go of is offered again by the next scan', async () => {
    const h = harness();
    await h.session.open();
    h.link.answer({ type: 'toy', func: 'status', data: { id: 'T1', status: 202 } });
    const hw = await h.found[0]!.connect(toySpecifier);
    await hw.disconnect();
    h.session.startScanning();
    expect(h.found.map((c) => c.address)).toEqual(['T1', 'T1']);
    expect(h.events).toEqual(['finished']);
    await (await h.found[1]!.connect(toySpecifier)).disconnect();
    await h.session.close();
  });

  it('the dongle going away mid-scan fails the scan, and later scans say it is gone', async () => {
    const h = harness();
    h.session.startScanning();
    await h.session.open();
    await until(() => h.link.funcs.includes('search'), 'the search request');
    h.link.line$.complete();
    expect(h.events).toEqual(['failed: the Lovense dongle (memory link) went away']);
    h.session.startScanning();
    expect(h.events.at(-1)).toBe('failed: the Lovense dongle (memory link) is gone');
  });
});
