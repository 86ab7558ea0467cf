/**
 * Runs device protocol test cases against the real server through the simulated backend: the
 * toy is a SimulatedDevice, the client speaks the chosen spec version over the in-process
 * transport, and every hardware command is compared with the case's expectations.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel } from '../../sdk/client/message-channel.js';
import type { AnyMessage } from '../../sdk/protocol/index.js';
import type { SimulatedDevice } from '../hardware/simulated/simulated-device.js';
import type { RecordedCommand } from '../hardware/simulated/simulated-device.js';
import { BLE_MESSAGE_GAP_MS } from '../hardware/types.js';
import type { Logger } from '../log.js';
import { PlugkitServer } from '../server/server.js';
import type { SpecAdapterFactory } from '../server/spec-adapter.js';
import { inProcessTransport } from '../transport/in-process.js';
import { parseCase, type CaseStep, type DeviceTestCase, type ExpectedCommand } from './case.js';
import { MIN_VERSION, NotExpressible, encodeMessage, type OutgoingMessage } from './encode.js';

/** Outcome of one case at one spec version. */
export interface CaseResult {
  file: string;
  version: number;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped; multi-line diff for command mismatches. */
  detail?: string;
}

export interface RunOptions {
  /** Adapters for spec versions below 4 (compat); versions without one are skipped. */
  adapters?: ReadonlyMap<number, SpecAdapterFactory>;
  /** How long to wait for expected commands / devices (default 2000 ms). */
  waitMs?: number;
  log?: Logger;
}

class CaseFailure extends Error {}

const hex = (data: number[]) => data.map((b) => b.toString(16).padStart(2, '0')).join(' ');
const printable = (data: number[]) =>
  data.every((b) => (b >= 32 && b < 127) || b === 10 || b === 13)
    ? `  "${String.fromCharCode(...data).replace(/\n/g, '\\n')}"`
    : '';
const describe = (c: ExpectedCommand | RecordedCommand | undefined): string => {
  if (!c) return '(nothing)';
  if (c.kind === 'write')
    return `Write ${c.endpoint} [${hex(c.data)}]${c.withResponse ? ' with response' : ''}${printable(c.data)}`;
  return `${c.kind[0]!.toUpperCase()}${c.kind.slice(1)} ${c.endpoint}`;
};
const same = (a: ExpectedCommand, b: RecordedCommand): boolean =>
  a.kind === b.kind &&
  a.endpoint === b.endpoint &&
  (a.kind !== 'write' ||
    (b.kind === 'write' &&
      a.withResponse === b.withResponse &&
      a.data.length === b.data.length &&
      a.data.every((x, i) => x === b.data[i])));

/** Flattens version-gated groups that apply at `version`. */
const stepsAt = (steps: CaseStep[], version: number): CaseStep[] =>
  steps.flatMap((s) =>
    s.kind === 'version-gated' ? (version >= s.minSpecVersion ? stepsAt(s.steps, version) : []) : [s],
  );

/** Lowest spec version every (ungated) message of a case exists in. */
export function caseMinVersion(tc: DeviceTestCase): number {
  let min = 0;
  const visit = (steps: CaseStep[], gate: number) => {
    for (const s of steps) {
      if (s.kind === 'version-gated') visit(s.steps, Math.max(gate, s.minSpecVersion));
      else if (s.kind === 'messages')
        for (const m of s.messages) min = Math.max(min, MIN_VERSION[m.kind] > gate ? MIN_VERSION[m.kind] : 0);
    }
  };
  const all = [...tc.init, ...tc.steps];
  visit(all, 0);
  // Expected bytes after a gated group may depend on it (packet counters, last values): below the
  // gate, later ungated command expectations are not meaningful, so the case starts at the gate.
  all.forEach((s, i) => {
    if (s.kind === 'version-gated' && all.slice(i + 1).some((later) => later.kind === 'commands'))
      min = Math.max(min, s.minSpecVersion);
  });
  return min;
}

const handshakeFor = (version: number) =>
  version >= 4
    ? {
        type: 'RequestServerInfo',
        ClientName: 'plugkit device-test',
        ProtocolVersionMajor: 4,
        ProtocolVersionMinor: 0,
      }
    : version === 0
      ? { type: 'RequestServerInfo', ClientName: 'plugkit device-test' }
      : { type: 'RequestServerInfo', ClientName: 'plugkit device-test', MessageVersion: version };

/** Runs one parsed case at one spec version. `dir` is where the case file lives (for config/). */
export async function runCase(
  tc: DeviceTestCase,
  file: string,
  dir: string,
  version: number,
  opts: RunOptions = {},
): Promise<CaseResult> {
  const waitMs = opts.waitMs ?? 2000;
  const configPath = (name: string) => path.join(dir, 'config', name);
  const readQueues = new Map<string, { data: number[][]; waiters: ((d: number[]) => void)[] }>();
  const queueFor = (key: string) => {
    let q = readQueues.get(key);
    if (!q) readQueues.set(key, (q = { data: [], waiters: [] }));
    return q;
  };
  const logs: string[] = [];
  let server: PlugkitServer | undefined;
  let channel: MessageChannel | undefined;
  try {
    server = await PlugkitServer.create({
      ...(tc.deviceConfigFile ? { deviceConfigFile: configPath(tc.deviceConfigFile) } : {}),
      ...(tc.userDeviceConfigFile ? { userDeviceConfigFiles: [configPath(tc.userDeviceConfigFile)] } : {}),
      ...(opts.adapters ? { adapters: opts.adapters } : {}),
      log: (level, m) => {
        logs.push(`${level}: ${m}`);
        opts.log?.(level, m);
      },
      handshakeTimeoutMs: waitMs * 3,
    });
    if (!server.specVersions.includes(version))
      return { file, version, status: 'skip', detail: `the server does not speak spec v${version}` };
    const sims: SimulatedDevice[] = tc.devices.map((d, i) =>
      server!.simulated.add({
        name: d.name,
        address: d.address ?? `device-test-${i}`,
        // Cases are written against BLE toys paced like real ones (commands batched per window).
        messageGapMs: BLE_MESSAGE_GAP_MS,
        onRead: (endpoint) =>
          new Promise<Uint8Array>((resolve, reject) => {
            const q = queueFor(`${i}/${endpoint}`);
            const next = q.data.shift();
            if (next) return resolve(Uint8Array.from(next));
            const timer = setTimeout(
              () => reject(new Error(`the case gave no read reply for ${endpoint}`)),
              waitMs * 2,
            );
            q.waiters.push((d) => {
              clearTimeout(timer);
              resolve(Uint8Array.from(d));
            });
          }),
      }),
    );
    channel = new MessageChannel(await inProcessTransport(server).connect(), waitMs * 3);
    await channel.request(handshakeFor(version));
    for (const sim of sims) server.simulated.announce(sim);

    const cursors = sims.map(() => 0);
    const nonReads = (sim: SimulatedDevice, from = 0) =>
      sim.commands.slice(from).filter((c) => c.kind !== 'read');
    /**
     * The next recorded commands matching `expected` one by one from `from` (an index into all
     * commands). Reads are answered through !Events/!Reads, so a recorded read is skipped unless
     * the case expects a read at that point. Returns what was taken and where the cursor ends.
     */
    const take = (sim: SimulatedDevice, from: number, expected: ExpectedCommand[]) => {
      const got: RecordedCommand[] = [];
      let i = from;
      for (const e of expected) {
        while (i < sim.commands.length && sim.commands[i]!.kind === 'read' && e.kind !== 'read') i++;
        const c = sim.commands[i];
        if (!c) break;
        got.push(c);
        i++;
      }
      return { got, end: i };
    };
    const simAt = (i: number) => {
      const s = sims[i];
      if (!s)
        throw new CaseFailure(`step names device_index ${i}, but the case has ${sims.length} device(s)`);
      return s;
    };
    const serverIndex = (i: number) => {
      const sim = simAt(i);
      const d = [...server!.manager.devices.values()].find((x) => x.hardware.address === sim.address);
      if (!d) throw new CaseFailure(`device ${i} ("${sim.name}") is not connected${lastProblem(logs)}`);
      return d.index;
    };
    // `cond` may have effects (delivering a notification), so it runs at most once after succeeding.
    const waitFor = async (cond: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      for (;;) {
        if (cond()) return true;
        if (Date.now() >= end) return false;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const pendingAsync: Promise<void>[] = [];
    const sendAll = async (out: OutgoingMessage[], label: string) => {
      for (const o of out) {
        const run = channel!
          .request(o.message)
          .then((reply: AnyMessage) => {
            if (o.expectBattery) {
              const got = o.expectBattery.read(reply);
              if (got === undefined || Math.abs(got - o.expectBattery.power) > 1e-9)
                throw new CaseFailure(
                  `${label}: battery reads ${got}, the case expects ${o.expectBattery.power}`,
                );
            }
          })
          .catch((err: unknown) => {
            throw err instanceof CaseFailure
              ? err
              : new CaseFailure(`${label}: ${o.message.type} failed: ${(err as Error).message}`);
          });
        if (o.runAsync) {
          run.catch(() => {});
          pendingAsync.push(run);
        } else await run;
      }
    };

    const runSteps = async (steps: CaseStep[], phase: string) => {
      let n = 0;
      for (const step of stepsAt(steps, version)) {
        n++;
        const where = `${phase} step ${n}`;
        switch (step.kind) {
          case 'messages': {
            const index = serverIndex(step.deviceIndex);
            const info = server!.core.devices()[String(index)]!;
            for (const m of step.messages) {
              let out: OutgoingMessage[];
              try {
                out = encodeMessage(m, index, version, info);
              } catch (err) {
                if (err instanceof NotExpressible) throw err;
                throw new CaseFailure(`${where}: ${(err as Error).message}`);
              }
              await sendAll(out, `${where} (${m.kind})`);
            }
            break;
          }
          case 'commands': {
            const sim = simAt(step.deviceIndex);
            const from = cursors[step.deviceIndex]!;
            await waitFor(() => take(sim, from, step.commands).got.length >= step.commands.length, waitMs);
            const { got, end } = take(sim, from, step.commands);
            cursors[step.deviceIndex] = end;
            const ok = got.length === step.commands.length && step.commands.every((c, i) => same(c, got[i]!));
            if (!ok) {
              const rows = step.commands.map((c, i) => {
                const g = got[i];
                const mark = g && same(c, g) ? ' ' : '✗';
                return `  ${mark} expected ${describe(c)}\n    ${' '.repeat(mark.length)} got      ${describe(g)}`;
              });
              throw new CaseFailure(`${where}: hardware commands differ\n${rows.join('\n')}`);
            }
            break;
          }
          case 'events': {
            const sim = simAt(step.deviceIndex);
            for (const e of step.events) {
              if (e.kind === 'read-reply') {
                const q = queueFor(`${step.deviceIndex}/${e.endpoint}`);
                const waiter = q.waiters.shift();
                if (waiter) waiter(e.data);
                else q.data.push(e.data);
              } else {
                const delivered = await waitFor(() => sim.notify(e.endpoint, e.data), waitMs);
                if (!delivered)
                  throw new CaseFailure(
                    `${where}: the toy sent a notification on ${e.endpoint}, but nothing subscribed to it`,
                  );
              }
            }
            break;
          }
          case 'no-commands': {
            const sim = simAt(step.deviceIndex);
            await new Promise((r) => setTimeout(r, 100));
            const extra = nonReads(sim, cursors[step.deviceIndex]!);
            if (extra.length)
              throw new CaseFailure(`${where}: expected no commands, got ${extra.map(describe).join('; ')}`);
            break;
          }
          case 'version-gated':
            break; // flattened by stepsAt
        }
      }
    };

    await runSteps(tc.init, 'init');
    const connected = await waitFor(
      () =>
        sims.every((s) =>
          [...server!.manager.devices.values()].some((d) => d.hardware.address === s.address),
        ),
      waitMs * 3,
    );
    if (!connected) throw new CaseFailure(`not every device connected${lastProblem(logs)}`);
    tc.devices.forEach((d, i) => {
      const dev = server!.manager.devices.get(serverIndex(i))!;
      if (dev.name !== d.expectedName)
        throw new CaseFailure(`device ${i} is named "${dev.name}", the case expects "${d.expectedName}"`);
      if (d.expectedDisplayName !== undefined && dev.displayName !== d.expectedDisplayName)
        throw new CaseFailure(
          `device ${i} has display name "${dev.displayName ?? '(none)'}", the case expects "${d.expectedDisplayName}"`,
        );
    });
    await runSteps(tc.steps, 'command');
    await Promise.all(pendingAsync);
    return { file, version, status: 'pass' };
  } catch (err) {
    if (err instanceof NotExpressible) return { file, version, status: 'skip', detail: err.message };
    if (err instanceof CaseFailure) return { file, version, status: 'fail', detail: err.message };
    return { file, version, status: 'fail', detail: `${(err as Error).message}${lastProblem(logs)}` };
  } finally {
    channel?.close();
    await server?.close();
  }
}

const lastProblem = (logs: string[]) => {
  const p = [...logs].reverse().find((l) => l.startsWith('warn') || l.startsWith('error'));
  return p ? ` (server said: ${p})` : '';
};

/** Reads and runs a case file at each version from its minimum to 4. */
export async function runCaseFile(
  file: string,
  opts: RunOptions & { versions?: number[] } = {},
): Promise<CaseResult[]> {
  const name = path.basename(file);
  let tc: DeviceTestCase;
  try {
    tc = parseCase(await readFile(file, 'utf8'), name);
  } catch (err) {
    // The line already names the file.
    const detail = (err as Error).message.replace(`${name}: `, '');
    return [{ file: name, version: 4, status: 'fail', detail }];
  }
  const min = caseMinVersion(tc);
  const versions = (opts.versions ?? [0, 1, 2, 3, 4]).filter((v) => v >= min);
  const results: CaseResult[] = [];
  for (const v of versions) results.push(await runCase(tc, name, path.dirname(file), v, opts));
  return results;
}
