/**
 * What the dashboard page and its server say to each other over the dashboard WebSocket (JSON
 * text frames). The page (static/*.js) follows these shapes; the server validates what the page
 * sends (commands.ts), since the page is outside input.
 */
import type { InputType, OutputType } from '../../sdk/protocol/index.js';

/** One output of a feature, as the page draws it. */
export interface OutputView {
  type: OutputType;
  /** Step count (the N of `[0, N]` or `[-N, N]`). */
  steps: number;
  /** Levels go -1..1 (rotation direction) rather than 0..1. */
  signed: boolean;
}

/** One input of a feature (battery, pressure, button, …). */
export interface InputView {
  type: InputType;
  /** Which InputCmd commands it supports (Read, Subscribe). */
  commands: string[];
}

/** A feature of a device. */
export interface FeatureView {
  index: number;
  description: string;
  outputs: OutputView[];
  inputs: InputView[];
}

/** A connected device. */
export interface DeviceView {
  index: number;
  name: string;
  displayName?: string;
  address: string;
  protocol: string;
  /** A simulated toy: the page may remove it, make it notify or drop its link. */
  simulated: boolean;
  features: FeatureView[];
}

/** The connected client, if any. */
export interface ClientView {
  name: string;
  specVersion: number;
  label: string;
}

/** What a log line is about; the page filters on it. */
export type LogKind = 'in' | 'out' | 'write' | 'device' | 'client' | 'error' | 'dashboard';

/** One log line: `[at, kind, device index or -1, text]` (arrays keep a busy feed small). */
export type LogEntry = [at: number, kind: LogKind, deviceIndex: number, text: string];

/** Output samples of one output since the last update: `[device, feature, type, [at, level, at, level, …]]`. */
export type SampleRun = [deviceIndex: number, featureIndex: number, type: OutputType, points: number[]];

/** The latest value of one input: `[device, feature, type, value]`. */
export type InputValue = [deviceIndex: number, featureIndex: number, type: InputType, value: number];

/** Sent once when the page connects: everything it needs to draw. */
export interface SnapshotMessage {
  t: 'snapshot';
  /** Server clock now (ms), so the page can place sample times on its plot. */
  now: number;
  serverName: string;
  devices: DeviceView[];
  client: ClientView | null;
  /** Current output levels as one-point sample runs. */
  samples: SampleRun[];
  inputs: InputValue[];
  log: LogEntry[];
}

/** What changed since the last update; coalesced on the server and bounded per page. */
export interface UpdateMessage {
  t: 'update';
  /** Counts updates from 1; the page acknowledges them (see {@link AckMessage}). */
  seq: number;
  now: number;
  /** The whole device list, when it changed. */
  devices?: DeviceView[];
  /** The client, when it changed (null: none connected). */
  client?: ClientView | null;
  samples: SampleRun[];
  inputs: InputValue[];
  log: LogEntry[];
  /** Log lines and samples left out since the last update because the page fell behind. */
  skipped: number;
}

/** One toy of the device database a simulated toy can be made of. */
export interface CatalogEntry {
  /** The advertised name to simulate. */
  name: string;
  protocol: string;
  model: string;
  /** e.g. `Vibrate×2; inputs: Battery`. */
  features: string;
}

/** The answer to a command, by the command's `id`. */
export interface ResultMessage {
  t: 'result';
  id: number;
  ok: boolean;
  /** What happened, or what went wrong (a sentence for the user). */
  message: string;
  /** Search results (command `search`). */
  results?: CatalogEntry[];
}

/** Everything the dashboard server sends. */
export type DashboardMessage = SnapshotMessage | UpdateMessage | ResultMessage;

/**
 * Sent by the page once it has drawn the updates up to `ack`. The server keeps at most two
 * updates unacknowledged and coalesces meanwhile, so a page that draws slowly gets fewer, larger
 * updates instead of a growing backlog.
 */
export interface AckMessage {
  ack: number;
}

/** Commands the page may send; each carries an `id` echoed in its {@link ResultMessage}. */
export type DashboardCommand =
  | { id: number; cmd: 'search'; text: string }
  | { id: number; cmd: 'add'; name: string }
  | { id: number; cmd: 'remove'; address: string }
  | { id: number; cmd: 'drop'; address: string }
  | { id: number; cmd: 'notify'; address: string; endpoint: string; data: number[] }
  | { id: number; cmd: 'stop-all' };
