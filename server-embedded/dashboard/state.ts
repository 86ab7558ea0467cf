/**
 * The dashboard's picture of the server, folded from `PlugkitServer.events$`, and the per-page
 * feeds that coalesce what changed between two updates. Everything here is bounded: a page
 * that reads slowly loses detail (old samples, old log lines, counted in `skipped`), never makes
 * the server hold more.
 */
import { SIGNED_OUTPUTS, type InputType, type OutputType } from '../../sdk/protocol/index.js';
import type { ServerEvent } from '../server/events.js';
import type {
  ClientView,
  DeviceView,
  InputValue,
  LogEntry,
  LogKind,
  SampleRun,
  SnapshotMessage,
  UpdateMessage,
} from './messages.js';

/** Limits of what the dashboard keeps; the defaults suit 16 toys driven at 100 Hz. */
export interface DashboardLimits {
  /** Samples kept per output between two updates to a page (default 256). */
  samplesPerOutput: number;
  /** Log lines kept per page between two updates (default 150, as many as the page shows). */
  logPerUpdate: number;
  /** Log lines a newly opened page gets (default 200). */
  logHistory: number;
  /** Longest log line text; longer frames are cut (default 600 characters). */
  logTextChars: number;
}

export const DEFAULT_LIMITS: DashboardLimits = {
  samplesPerOutput: 256,
  logPerUpdate: 150,
  logHistory: 200,
  logTextChars: 600,
};

/** Where the state reads what events do not carry: each device's features, who is simulated. */
export interface DeviceSource {
  /** The device at an index as the page shows it, or undefined if it is gone. */
  describe(index: number): DeviceView | undefined;
  /** The devices connected now (when the dashboard starts after them). */
  list(): DeviceView[];
}

const keyOf = (device: number, feature: number, type: string) => `${device}/${feature}/${type}`;

/** A bounded first-in-first-out list that counts what it had to let go. */
class Ring<T> {
  items: T[] = [];
  dropped = 0;
  constructor(private readonly max: number) {}
  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max) {
      // Trim in one go once it is well over, so a burst costs one splice, not one per item.
      const over = this.items.length - this.max;
      if (over >= Math.max(1, this.max >> 2)) {
        this.items.splice(0, over);
        this.dropped += over;
      }
    }
  }
  take(): T[] {
    const out = this.items.length > this.max ? this.items.slice(this.items.length - this.max) : this.items;
    this.dropped += this.items.length - out.length;
    this.items = [];
    return out;
  }
}

/** What one page has not been sent yet. */
export class Feed {
  private devicesChanged = false;
  private clientChanged = false;
  private readonly samples = new Map<string, { run: SampleRun; dropped: number }>();
  private readonly inputs = new Map<string, InputValue>();
  private readonly log: Ring<LogEntry>;

  constructor(private readonly limits: DashboardLimits) {
    this.log = new Ring(limits.logPerUpdate);
  }

  /** Nothing waits to be sent. */
  get empty(): boolean {
    return (
      !this.devicesChanged &&
      !this.clientChanged &&
      this.samples.size === 0 &&
      this.inputs.size === 0 &&
      this.log.items.length === 0
    );
  }

  markDevices(): void {
    this.devicesChanged = true;
  }
  markClient(): void {
    this.clientChanged = true;
  }
  /** Forgets the samples of a device that is gone. */
  forgetDevice(index: number): void {
    for (const [k, s] of this.samples) if (s.run[0] === index) this.samples.delete(k);
    for (const [k, v] of this.inputs) if (v[0] === index) this.inputs.delete(k);
  }
  sample(device: number, feature: number, type: OutputType, at: number, level: number): void {
    const k = keyOf(device, feature, type);
    let s = this.samples.get(k);
    if (!s) this.samples.set(k, (s = { run: [device, feature, type, []], dropped: 0 }));
    const pts = s.run[3];
    pts.push(at, level);
    if (pts.length > this.limits.samplesPerOutput * 2) {
      // Keep the newest half: the plot needs recent points more than old detail.
      const cut = pts.length - this.limits.samplesPerOutput;
      pts.splice(0, cut - (cut % 2));
      s.dropped += (cut - (cut % 2)) / 2;
    }
  }
  input(value: InputValue): void {
    this.inputs.set(keyOf(value[0], value[1], value[2]), value);
  }
  logLine(entry: LogEntry): void {
    this.log.push(entry);
  }

  /** The update to send now (and forget), given the current devices and client. */
  take(seq: number, now: number, state: DashboardState): UpdateMessage {
    let skipped = 0;
    const samples: SampleRun[] = [];
    for (const s of this.samples.values()) {
      skipped += s.dropped;
      samples.push(s.run);
    }
    const log = this.log.take();
    skipped += this.log.dropped;
    this.log.dropped = 0;
    const msg: UpdateMessage = {
      t: 'update',
      seq,
      now,
      samples,
      inputs: [...this.inputs.values()],
      log,
      skipped,
      ...(this.devicesChanged ? { devices: state.deviceList() } : {}),
      ...(this.clientChanged ? { client: state.client } : {}),
    };
    this.devicesChanged = false;
    this.clientChanged = false;
    this.samples.clear();
    this.inputs.clear();
    return msg;
  }
}

const hex = (data: Uint8Array) => {
  let s = '';
  for (let i = 0; i < data.length && i < 64; i++)
    s += (i ? ' ' : '') + data[i]!.toString(16).padStart(2, '0');
  return data.length > 64 ? `${s} … (${data.length} bytes)` : s;
};

/**
 * The messages of a protocol frame (as logged on events$) when its text mentions `word`; [] for a
 * frame that is too large to be worth parsing here, not JSON, or not an array.
 */
function messagesNaming(json: string, word: string): unknown[] {
  if (json.length > 65_536 || !json.includes(word)) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Pulls v4 InputReading / legacy BatteryLevelReading values out of a frame sent to the client. */
function readingsIn(json: string): InputValue[] {
  const out: InputValue[] = [];
  for (const m of messagesNaming(json, 'Reading')) {
    if (typeof m !== 'object' || m === null) continue;
    const v4 = (m as { InputReading?: { DeviceIndex?: unknown; FeatureIndex?: unknown; Reading?: unknown } })
      .InputReading;
    if (v4 && typeof v4.DeviceIndex === 'number' && typeof v4.FeatureIndex === 'number') {
      const reading = v4.Reading;
      if (typeof reading === 'object' && reading !== null)
        for (const [type, r] of Object.entries(reading as Record<string, { Value?: unknown }>))
          if (typeof r?.Value === 'number')
            out.push([v4.DeviceIndex, v4.FeatureIndex, type as InputType, r.Value]);
    }
    const battery = (m as { BatteryLevelReading?: { DeviceIndex?: unknown; BatteryLevel?: unknown } })
      .BatteryLevelReading;
    if (battery && typeof battery.DeviceIndex === 'number' && typeof battery.BatteryLevel === 'number')
      out.push([battery.DeviceIndex, -1, 'Battery', battery.BatteryLevel]);
  }
  return out;
}

/** Device indexes a client's stop message names (v4 StopCmd, legacy StopDeviceCmd / StopAllDevices); 'all' for every device. */
function stoppedBy(json: string): number[] | 'all' {
  const out: number[] = [];
  for (const m of messagesNaming(json, 'Stop')) {
    if (typeof m !== 'object' || m === null) continue;
    const rec = m as Record<string, { DeviceIndex?: unknown; FeatureIndex?: unknown } | undefined>;
    if (rec.StopAllDevices) return 'all';
    const stop = rec.StopCmd ?? rec.StopDeviceCmd;
    if (!stop) continue;
    // A per-feature stop is left to the output events it causes.
    if (stop.FeatureIndex !== undefined) continue;
    if (typeof stop.DeviceIndex === 'number') out.push(stop.DeviceIndex);
    else if (rec.StopCmd) return 'all';
  }
  return out;
}

/**
 * The dashboard's model of the server: devices, output levels, input values, the client and a
 * short log history, kept current from `events$` and fanned out to each page's {@link Feed}.
 */
export class DashboardState {
  readonly devices = new Map<number, DeviceView>();
  client: ClientView | null = null;
  private readonly levels = new Map<string, [number, number, OutputType, number]>();
  private readonly inputValues = new Map<string, InputValue>();
  private readonly history: Ring<LogEntry>;
  private readonly feeds = new Set<Feed>();

  constructor(
    private readonly source: DeviceSource,
    readonly limits: DashboardLimits = DEFAULT_LIMITS,
  ) {
    this.history = new Ring(limits.logHistory);
    for (const d of source.list()) this.devices.set(d.index, d);
  }

  /** Devices in ascending index. */
  deviceList(): DeviceView[] {
    return [...this.devices.values()].sort((a, b) => a.index - b.index);
  }

  /** A new page's feed; it gets every change from now on until {@link detach}. */
  attach(): Feed {
    const feed = new Feed(this.limits);
    this.feeds.add(feed);
    return feed;
  }

  detach(feed: Feed): void {
    this.feeds.delete(feed);
  }

  snapshot(now: number, serverName: string): SnapshotMessage {
    return {
      t: 'snapshot',
      now,
      serverName,
      devices: this.deviceList(),
      client: this.client,
      samples: [...this.levels.values()].map(([d, f, type, level]) => [d, f, type, [now, level]]),
      inputs: [...this.inputValues.values()],
      log: [...this.history.items.slice(-this.limits.logHistory)],
    };
  }

  /** A line in every page's log (and the history new pages get). */
  log(at: number, kind: LogKind, deviceIndex: number, text: string): void {
    const max = this.limits.logTextChars;
    const entry: LogEntry = [at, kind, deviceIndex, text.length > max ? `${text.slice(0, max)}…` : text];
    this.history.push(entry);
    for (const f of this.feeds) f.logLine(entry);
  }

  /** Every output of a device (or of all devices) back to 0, e.g. after a stop. */
  zero(at: number, device?: number): void {
    for (const l of this.levels.values()) {
      if ((device !== undefined && l[0] !== device) || l[3] === 0) continue;
      l[3] = 0;
      for (const f of this.feeds) f.sample(l[0], l[1], l[2], at, 0);
    }
  }

  /** Folds one server event into the model and the pages' feeds. */
  apply(e: ServerEvent): void {
    switch (e.kind) {
      case 'output': {
        const k = keyOf(e.deviceIndex, e.featureIndex, e.outputType);
        this.levels.set(k, [e.deviceIndex, e.featureIndex, e.outputType, e.level]);
        for (const f of this.feeds) f.sample(e.deviceIndex, e.featureIndex, e.outputType, e.at, e.level);
        return;
      }
      case 'reading':
        this.setInput(e.at, [e.deviceIndex, e.featureIndex, e.inputType, e.value]);
        return;
      case 'message-in': {
        this.log(e.at, 'in', -1, e.json);
        const stopped = stoppedBy(e.json);
        if (stopped === 'all') this.zero(e.at);
        else for (const d of stopped) this.zero(e.at, d);
        return;
      }
      case 'message-out':
        this.log(e.at, 'out', -1, e.json);
        for (const r of readingsIn(e.json)) this.setInput(e.at, r);
        return;
      case 'write':
        this.log(
          e.at,
          'write',
          e.deviceIndex,
          `${e.endpoint}${e.withResponse ? ' (with response)' : ''}: ${hex(e.data)}`,
        );
        return;
      case 'device-added': {
        const view = this.source.describe(e.deviceIndex);
        if (view) this.devices.set(e.deviceIndex, view);
        for (const f of this.feeds) f.markDevices();
        this.log(e.at, 'device', e.deviceIndex, `added "${e.name}" (${e.protocol}) at ${e.address}`);
        return;
      }
      case 'device-removed':
        this.devices.delete(e.deviceIndex);
        for (const [k, l] of this.levels) if (l[0] === e.deviceIndex) this.levels.delete(k);
        for (const [k, v] of this.inputValues) if (v[0] === e.deviceIndex) this.inputValues.delete(k);
        for (const f of this.feeds) {
          f.forgetDevice(e.deviceIndex);
          f.markDevices();
        }
        this.log(e.at, 'device', e.deviceIndex, `removed "${e.name}": ${e.reason}`);
        return;
      case 'client-connected':
        this.client = { name: e.clientName, specVersion: e.specVersion, label: e.label };
        for (const f of this.feeds) f.markClient();
        this.log(e.at, 'client', -1, `"${e.clientName}" connected (spec v${e.specVersion}, ${e.label})`);
        return;
      case 'client-disconnected':
        this.client = null;
        for (const f of this.feeds) f.markClient();
        // The server stopped every device when the client left.
        this.zero(e.at);
        this.log(e.at, 'client', -1, `"${e.clientName}" disconnected: ${e.reason}`);
        return;
      case 'error':
        this.log(e.at, 'error', e.deviceIndex ?? -1, `${e.scope}: ${e.message}`);
        return;
    }
  }

  private setInput(_at: number, v: InputValue): void {
    // A legacy battery reading names no feature: file it under the device's battery feature.
    if (v[1] === -1) {
      const feature = this.devices.get(v[0])?.features.find((f) => f.inputs.some((i) => i.type === v[2]));
      if (!feature) return;
      v = [v[0], feature.index, v[2], v[3]];
    }
    this.inputValues.set(keyOf(v[0], v[1], v[2]), v);
    for (const f of this.feeds) f.input(v);
  }
}

/** Whether levels of this output type run -1..1. */
export const isSigned = (type: OutputType): boolean => SIGNED_OUTPUTS.has(type);
