import { Subject, type Observable } from 'rxjs';
import { realClock, type Clock } from '../../../sdk/clock/index.js';
import { PlugkitError } from '../../../sdk/protocol/errors.js';
import type { CommunicationSpecifier } from '../specifiers.js';
import type { DeviceCandidate, Endpoint, Hardware, Notification } from '../types.js';
import {
  answersFor,
  DEFAULT_SIMULATED_BATTERY,
  type AnsweringToy,
  type SimulatedInputs,
  type ToyAnswers,
} from './answers.js';

/** A command the simulated toy received, as the device-test format writes them. */
export type RecordedCommand =
  | { kind: 'write'; endpoint: Endpoint; data: number[]; withResponse: boolean }
  | { kind: 'read'; endpoint: Endpoint; length: number }
  | { kind: 'subscribe'; endpoint: Endpoint }
  | { kind: 'unsubscribe'; endpoint: Endpoint };

/** How to describe a simulated toy: what it advertises. */
export interface SimulatedDeviceSpec {
  /** Advertised name, e.g. "Massage Demo" (an Aneros Vivi) or "LVS-Z36". */
  name: string;
  /** Stable address; defaults to one derived from the name. */
  address?: string;
  bus?: DeviceCandidate['bus'];
  advertisedServices?: string[];
  manufacturerData?: { company: number; data: number[] }[];
  /** USB ids, for toys matched by vendor/product (HID, USB). */
  vendorId?: number;
  productId?: number;
  /** Answers reads: return the bytes for an endpoint read. */
  onRead?: (endpoint: Endpoint, length: number) => Uint8Array | Promise<Uint8Array>;
  /** Pacing the simulated bus reports (like a real BLE radio's); none by default. */
  messageGapMs?: number;
  /** Reacts to writes, e.g. answers a handshake by calling `device.notify`. */
  onWrite?: (device: SimulatedDevice, endpoint: Endpoint, data: Uint8Array) => void;
  /**
   * How long each write takes to reach the toy, in ms on the server's clock (default 0): a slow
   * serial or HID toy. The write is recorded when it completes.
   */
  writeDelayMs?: number;
  /** How many recent commands `commands` keeps (default {@link DEFAULT_MAX_RECORDED_COMMANDS}). */
  maxRecordedCommands?: number;
  /**
   * The device-config protocol whose handshake and queries the toy answers (Lovense `DeviceType;`
   * and `Battery;`, model reads, …). The server fills it in from the name; set it for a spec
   * whose name the database does not know.
   */
  protocol?: string;
  /**
   * The model identifier the toy reports when its protocol asks (`Z` makes a Lovense a Hush,
   * `10005` a Satisfyer Hot Spot). The server picks one from the name when absent.
   */
  identifier?: string;
  /** Battery level in percent the toy reports (default {@link DEFAULT_SIMULATED_BATTERY}). */
  battery?: number;
  /** Pressure reading the toy streams (device units; toys with a pressure sensor). Default 0. */
  pressure?: number;
}

/** How many commands a simulated toy remembers unless told otherwise. */
export const DEFAULT_MAX_RECORDED_COMMANDS = 1000;

/** What a simulated toy takes from its backend. */
export interface SimulatedDeviceOptions {
  /** Time for `writeDelayMs` (default: the real clock). */
  clock?: Clock;
  /** Default for the spec's `maxRecordedCommands`. */
  maxRecordedCommands?: number;
}

/**
 * A virtual toy: named endpoints that record everything written to them and can send
 * notifications back. Its hardware handle is exactly what a BLE/serial backend would give.
 */
export class SimulatedDevice {
  /**
   * The most recent commands received, oldest first: at most `maxRecordedCommands` (older ones
   * are dropped, so a long-running demo does not grow without bound).
   */
  readonly commands: RecordedCommand[] = [];
  private readonly commandSubject = new Subject<RecordedCommand>();
  /** Every command as it arrives. */
  readonly command$: Observable<RecordedCommand> = this.commandSubject.asObservable();
  readonly name: string;
  readonly address: string;
  /** How many commands `commands` keeps. */
  readonly maxRecordedCommands: number;
  /** Commands dropped from the front of `commands` so far. */
  droppedCommands = 0;
  /** The clock write delays run on. */
  readonly clock: Clock;
  /** What the toy reports (battery, sensors); change it with {@link setInputs}. */
  readonly inputs: SimulatedInputs;
  /** @internal The protocol's toy side plus the BLE battery service. */
  readonly answers: readonly ToyAnswers[];
  private hardware: SimulatedHardware | undefined;

  constructor(
    readonly spec: SimulatedDeviceSpec,
    options: SimulatedDeviceOptions = {},
  ) {
    this.name = spec.name;
    this.address = spec.address ?? `sim-${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    this.clock = options.clock ?? realClock;
    this.maxRecordedCommands = Math.max(
      0,
      spec.maxRecordedCommands ?? options.maxRecordedCommands ?? DEFAULT_MAX_RECORDED_COMMANDS,
    );
    this.inputs = { battery: spec.battery ?? DEFAULT_SIMULATED_BATTERY, pressure: spec.pressure ?? 0 };
    checkInputs(this.inputs, `simulated toy "${spec.name}"`);
    this.answers = answersFor(spec.protocol);
  }

  /**
   * Changes what the toy reports, live: the next battery read gets the new level, and a
   * streamed sensor (pressure) sends the new value at once if someone listens.
   */
  setInputs(inputs: Partial<SimulatedInputs>): void {
    const next = { ...this.inputs, ...inputs };
    checkInputs(next, `simulated toy "${this.name}"`);
    Object.assign(this.inputs, next);
    this.hardware?.restream();
  }

  /** @internal The view of this toy its protocol answers get. */
  get answering(): AnsweringToy {
    return {
      name: this.name,
      address: this.address,
      identifier: this.spec.identifier,
      inputs: this.inputs,
      notify: (endpoint, data) => this.notify(endpoint, data),
    };
  }

  get connected(): boolean {
    return this.hardware !== undefined && !this.hardware.closed;
  }

  /** Writes recorded so far (bytes only), for assertions. */
  get writes(): { endpoint: Endpoint; data: number[]; withResponse: boolean }[] {
    return this.commands.filter((c): c is Extract<RecordedCommand, { kind: 'write' }> => c.kind === 'write');
  }

  candidate(): DeviceCandidate {
    return {
      bus: this.spec.bus ?? 'btle',
      name: this.name,
      address: this.address,
      ...(this.spec.advertisedServices ? { advertisedServices: this.spec.advertisedServices } : {}),
      ...(this.spec.manufacturerData ? { manufacturerData: this.spec.manufacturerData } : {}),
      port: this.address,
      ...(this.spec.vendorId !== undefined ? { vendorId: this.spec.vendorId } : {}),
      ...(this.spec.productId !== undefined ? { productId: this.spec.productId } : {}),
      connect: async (specifier) => {
        if (this.connected) throw new Error(`simulated device ${this.name} is already connected`);
        this.hardware = new SimulatedHardware(this, endpointsOf(specifier));
        return this.hardware;
      },
    };
  }

  record(c: RecordedCommand): void {
    this.commands.push(c);
    // One at a time from the front: V8 trims an array's start in place, so this stays cheap.
    while (this.commands.length > this.maxRecordedCommands) {
      this.commands.shift();
      this.droppedCommands++;
    }
    // Nobody listening (a server without debug lines): no Rx delivery per command.
    if (this.commandSubject.observed) this.commandSubject.next(c);
  }

  /** Sends bytes from the toy on an endpoint (delivered only if the protocol subscribed). */
  notify(endpoint: Endpoint, data: ArrayLike<number>): boolean {
    return this.hardware?.deliver(endpoint, Uint8Array.from(data)) ?? false;
  }

  /** Simulates the toy dropping its connection. */
  drop(): void {
    this.hardware?.close();
  }
}

function checkInputs(inputs: SimulatedInputs, who: string): void {
  const bad = (message: string) => new PlugkitError('INVALID_ARGUMENT', 'InvalidSimulatedDevice', message);
  if (!Number.isFinite(inputs.battery) || inputs.battery < 0 || inputs.battery > 100)
    throw bad(`${who}: battery must be a percentage 0..100, got ${inputs.battery}`);
  if (!Number.isFinite(inputs.pressure) || inputs.pressure < 0 || inputs.pressure > 0xffff)
    throw bad(`${who}: pressure must be 0..65535, got ${inputs.pressure}`);
}

/** The bytes as plain numbers (an indexed copy: spreading a typed array walks an iterator). */
const numbers = (data: Uint8Array): number[] => {
  const out = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]!;
  return out;
};

const endpointsOf = (spec: CommunicationSpecifier): Endpoint[] => {
  if (spec.bus === 'btle') {
    const eps = new Set<Endpoint>();
    for (const chars of Object.values(spec.btle.services)) for (const ep of Object.keys(chars)) eps.add(ep);
    return [...eps];
  }
  return ['tx', 'rx'];
};

class SimulatedHardware implements Hardware {
  readonly notification$ = new Subject<Notification>();
  readonly disconnected$ = new Subject<void>();
  private readonly subscribed = new Set<Endpoint>();
  closed = false;

  constructor(
    private readonly device: SimulatedDevice,
    readonly endpoints: Endpoint[],
  ) {}

  get name(): string {
    return this.device.name;
  }
  get address(): string {
    return this.device.address;
  }
  get messageGapMs(): number | undefined {
    return this.device.spec.messageGapMs;
  }

  private check(endpoint: Endpoint): void {
    if (this.closed) throw new Error(`simulated device ${this.name} is disconnected`);
    if (!this.endpoints.includes(endpoint))
      throw new Error(
        `simulated device ${this.name} has no endpoint "${endpoint}" (has ${this.endpoints.join(', ')})`,
      );
  }

  async write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void> {
    this.check(endpoint);
    const delay = this.device.spec.writeDelayMs ?? 0;
    if (delay > 0) {
      await new Promise<void>((resolve) => this.device.clock.schedule(delay, resolve));
      this.check(endpoint); // it may have dropped out meanwhile
    }
    this.device.record({ kind: 'write', endpoint, data: numbers(data), withResponse });
    this.device.spec.onWrite?.(this.device, endpoint, data);
    for (const a of this.device.answers) a.write?.(this.device.answering, endpoint, data);
  }

  async read(endpoint: Endpoint, length: number): Promise<Uint8Array> {
    this.check(endpoint);
    this.device.record({ kind: 'read', endpoint, length });
    if (this.device.spec.onRead) return this.device.spec.onRead(endpoint, length);
    for (const a of this.device.answers) {
      const data = a.read?.(this.device.answering, endpoint);
      if (data) return data;
    }
    throw new Error(`simulated device ${this.name} does not answer reads on ${endpoint}`);
  }

  async subscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.add(endpoint);
    this.device.record({ kind: 'subscribe', endpoint });
    // A sensor sends its first value right after the subscription, not inside it: the protocol
    // starts listening only once subscribe resolved.
    this.device.clock.schedule(0, () => {
      if (!this.closed && this.subscribed.has(endpoint)) this.stream(endpoint, false);
    });
  }

  /** Sends the current sensor values on every subscribed stream (after `setInputs`). */
  restream(): void {
    if (!this.closed) for (const e of this.subscribed) this.stream(e, true);
  }

  private stream(endpoint: Endpoint, changed: boolean): void {
    for (const a of this.device.answers) a.stream?.(this.device.answering, endpoint, changed);
  }

  async unsubscribe(endpoint: Endpoint): Promise<void> {
    this.check(endpoint);
    this.subscribed.delete(endpoint);
    this.device.record({ kind: 'unsubscribe', endpoint });
  }

  deliver(endpoint: Endpoint, data: Uint8Array): boolean {
    if (this.closed || !this.subscribed.has(endpoint)) return false;
    this.notification$.next({ endpoint, data });
    return true;
  }

  async disconnect(): Promise<void> {
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disconnected$.next();
    this.disconnected$.complete();
    this.notification$.complete();
  }
}
