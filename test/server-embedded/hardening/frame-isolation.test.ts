/**
 * Issue 10: a failure inside one message skipped every message after it in the frame (the whole
 * frame's promise rejected). Each message now gets its own answer — an Error with its Id when the
 * server fails on it — and the rest of the frame runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../sdk/protocol/index.js';
import type { SpecAdapterFactory } from '../../../server-embedded/server/spec-adapter.js';
import { rawClient, type RawClient } from '../../support/raw-client.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let ts: TestServer | undefined;
let c: RawClient | undefined;
afterEach(async () => {
  c?.close();
  await ts?.stop();
  ts = c = undefined;
});

const body = (m: Record<string, unknown>) => Object.values(m)[0] as Record<string, unknown>;

/** A spec v3 adapter that breaks as it is built: a server fault in the middle of a frame. */
const broken: SpecAdapterFactory = () => {
  throw new Error('adapter exploded');
};

describe('per-message failure isolation', () => {
  it('answers the failing message with an Error carrying its Id and runs the rest of the frame', async () => {
    ts = await startTestServer({ adapters: new Map([[3, broken]]) });
    const errors: string[] = [];
    ts.server.events$.subscribe((e) => e.kind === 'error' && errors.push(e.message));
    c = await rawClient(ts.url);
    c.send([
      { RequestServerInfo: { Id: 1, ClientName: 'x', MessageVersion: 3 } },
      { RequestServerInfo: { Id: 2, ClientName: 'x', ProtocolVersionMajor: 4, ProtocolVersionMinor: 0 } },
      { Ping: { Id: 3 } },
    ]);
    const first = await c.next();
    expect(Object.keys(first)).toEqual(['Error']);
    expect(body(first)).toMatchObject({ Id: 1, ErrorCode: ErrorCode.Unknown });
    expect(body(first)['ErrorMessage']).toMatch(/adapter exploded/);
    expect(Object.keys(await c.next())).toEqual(['ServerInfo']);
    expect(await c.next()).toEqual({ Ok: { Id: 3 } });
    expect(errors.some((m) => m.includes('adapter exploded'))).toBe(true);
  });
});
