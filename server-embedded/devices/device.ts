import { Subject, type Observable } from 'rxjs';
import { realClock, type Clock } from '../../sdk/clock/index.js';
import {
  PlugkitError,
  STOP_ORDER,
  type DeviceFeatureInfo,
  type DeviceInfo,
  type InputCommandType,
  type InputType,
  type OutputCommand as WireOutputCommand,
  type OutputType,
} from '../../sdk/protocol/index.js';
import type { ResolvedDevice, ResolvedFeature, ResolvedOutput } from './config/database.js';
import type { Hardware } from '../hardware/types.js';
import type { HardwareCommand, OutputCommand, ProtocolHandler } from '../protocols/types.js';
import { CommandQueue } from './command-queue.js';
import { silentSink, type DeviceEvent, type EventSink } from './device-events.js';
import { advertisedRange, checkStep, deviceValue, stepCount } from './steps.js';

const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);

/** A sensor value a device reported. */
export interface DeviceReading {
  deviceIndex: number;
  featureIndex: number;
  type: InputType;
  value: number;
}

/** What a {@link ServerDevice} is given besides its hardware and protocol. */
export interface ServerDeviceOptions {
  /**
   * Told of every failure that happens after a command was accepted (writes, paced batches,
   * keepalives): the client already got its Ok, so this is the only place it shows.
   */
  onDeliveryFailure?: (err: unknown) => void;
  /** Where `output` events go. */
  events?: EventSink<DeviceEvent>;
  /** Time for pacing and keepalives (default: the real clock). */
  clock?: Clock;
}

/** Options of {@link ServerDevice.stop}. */
export interface StopOptions {
  /** Only this feature (default: all). */
  featureIndex?: number;
  /** Stop outputs (default true). */
  outputs?: boolean;
  /** End input subscriptions (default true). */
  inputs?: boolean;
  /** Wait until the stop commands reached the toy (default true); false: until they are queued. */
  untilDelivered?: boolean;
}

/** Settles once a command reached the hardware (or waits out the message gap); rejects if it failed. */
export type Delivery = Promise<void>;
const isThenable = <T>(v: T | PromiseLike<T>): v is PromiseLike<T> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

/**
 * A connected toy as the server sees it: its features, the last value sent per output (for
 * de-duplication), its active subscriptions, and its own command queue. Commands are accepted
 * (validated, encoded, queued) at once and delivered in order on this device's queue, so a slow
 * or stuck toy never holds up another.
 */
export class ServerDevice {
  private readonly readingSubject = new Subject<DeviceReading>();
  /** Readings from this device's subscribed inputs. */
  readonly reading$: Observable<DeviceReading> = this.readingSubject.asObservable();
  private readonly lastSent = new Map<string, string>();
  private readonly subscriptions = new Set<string>();
  private readonly queue: CommandQueue;
  private readonly events: EventSink<DeviceEvent>;
  private readonly onDeliveryFailure: (err: unknown) => void;
  /** Settles once every earlier asynchronous encode has handed its commands to the queue. */
  private encodeTail: Promise<unknown> = Promise.resolve();
  private encodesPending = 0;
  private disposed = false;
  private rawSeq = 0;

  constructor(
    readonly index: number,
    readonly resolved: ResolvedDevice,
    readonly hardware: Hardware,
    readonly handler: ProtocolHandler,
    options: ServerDeviceOptions = {},
  ) {
    this.events = options.events ?? silentSink;
    this.onDeliveryFailure = options.onDeliveryFailure ?? (() => {});
    // The config's gap wins; otherwise the bus's own pacing (e.g. BLE), if the hardware has one.
    const gap = resolved.messageGapMs ?? hardware.messageGapMs ?? 0;
    this.queue = new CommandQueue(hardware, gap, {
      ...(handler.keepalive ? { keepalive: handler.keepalive } : {}),
      onError: (err) => this.onDeliveryFailure(err),
      clock: options.clock ?? realClock,
    });
  }

  get name(): string {
    return this.resolved.name;
  }
  get displayName(): string | undefined {
    return this.resolved.displayName;
  }
  get features(): readonly ResolvedFeature[] {
    return this.resolved.features;
  }
  /** The pacing gap in ms between writes (0 = none). */
  get messageGapMs(): number {
    return this.resolved.messageGapMs ?? 0;
  }

  /** The spec v4 description of this device. */
  info(): DeviceInfo {
    const features: Record<string, DeviceFeatureInfo> = {};
    for (const f of this.features) {
      const outputs = f.outputs.filter((o) => !o.disabled);
      const inputs = Object.entries(f.inputs);
      if (f.outputs.length === 0 && inputs.length === 0) continue;
      const info: DeviceFeatureInfo = { FeatureIndex: f.index, FeatureDescription: f.description };
      if (f.outputs.length) {
        info.Output = {};
        for (const o of outputs)
          info.Output[o.type] = {
            Value: advertisedRange(o),
            ...(o.type === 'HwPositionWithDuration' ? { Duration: o.duration ?? [0, 100000] } : {}),
          };
      }
      if (inputs.length) {
        info.Input = {};
        for (const [type, i] of inputs)
          if (i) info.Input[type as InputType] = { Value: i.ranges, Command: i.commands };
      }
      features[String(f.index)] = info;
    }
    return {
      DeviceIndex: this.index,
      DeviceName: this.name,
      ...(this.displayName !== undefined ? { DeviceDisplayName: this.displayName } : {}),
      DeviceMessageTimingGap: this.messageGapMs,
      DeviceFeatures: features,
    };
  }

  feature(featureIndex: number): ResolvedFeature {
    const features = this.features;
    // A loop, not find(): this runs for every command, and find's callback is a closure per call.
    let f: ResolvedFeature | undefined;
    for (let i = 0; i < features.length && !f; i++) if (features[i]!.index === featureIndex) f = features[i];
    if (!f)
      throw deviceError(
        'DeviceFeatureIndexError',
        `Device ${this.index} (${this.name}) has no feature ${featureIndex}; its features are ${this.features.map((x) => x.index).join(', ')}.`,
      );
    return f;
  }

  /**
   * Validates a v4 OutputCmd payload and sends it (unless it repeats the last value sent);
   * resolves once the hardware took the bytes (or they wait out the message gap).
   */
  async output(featureIndex: number, command: WireOutputCommand): Promise<void> {
    await this.accept(featureIndex, command);
  }

  /**
   * Validates a v4 OutputCmd payload and queues it on this device, without waiting for the toy:
   * throws a PlugkitError (synchronously) for a bad command, otherwise returns the delivery. A
   * failed delivery is reported to `onDeliveryFailure` whether or not anyone awaits it.
   */
  accept(featureIndex: number, command: WireOutputCommand): Delivery {
    const f = this.feature(featureIndex);
    let type: OutputType | undefined;
    // The command was checked to hold exactly one kind; take it without building a key array.
    for (const k in command) {
      type = k as OutputType;
      break;
    }
    if (type === undefined) throw deviceError('MessageNotSupported', 'The output command names no output.');
    const payload = (command as Record<string, { Value: number; Duration?: number }>)[type]!;
    if (f.outputs.length === 0)
      throw deviceError('MessageNotSupported', `Feature ${featureIndex} of ${this.name} has no outputs.`);
    let o: ResolvedOutput | undefined;
    for (let i = 0; i < f.outputs.length && !o; i++) if (f.outputs[i]!.type === type) o = f.outputs[i];
    if (o?.disabled)
      throw deviceError(
        'MessageNotSupported',
        `${type} on feature ${featureIndex} of ${this.name} is disabled in the user config.`,
      );
    if (!o)
      throw deviceError(
        'DeviceStepRangeError',
        `Feature ${featureIndex} of ${this.name} has no ${type} output; it has ${f.outputs.map((x) => x.type).join(', ')}.`,
      );
    const bad = checkStep(o, payload.Value);
    if (bad) throw deviceError(bad.reason, `Feature ${featureIndex} of ${this.name}: ${bad.message}.`);
    return this.send(f, o, payload.Value, payload.Duration);
  }

  /** `feature/type` keys of outputs, made once per output rather than once per command. */
  private readonly outputKeys = new WeakMap<ResolvedOutput, string>();

  private outputKey(f: ResolvedFeature, o: ResolvedOutput): string {
    let key = this.outputKeys.get(o);
    if (key === undefined) {
      key = `${f.index}/${o.type}`;
      this.outputKeys.set(o, key);
    }
    return key;
  }

  /** Encodes and queues one output; throws synchronously if it cannot be accepted. */
  private send(f: ResolvedFeature, o: ResolvedOutput, steps: number, duration?: number): Delivery {
    if (this.disposed)
      throw deviceError('DeviceNotAvailable', `Device ${this.index} (${this.name}) is gone.`);
    const key = this.outputKey(f, o);
    const signature = duration === undefined ? String(steps) : `${steps}@${duration}`;
    if (this.lastSent.get(key) === signature) return Promise.resolve();
    const cmd: OutputCommand =
      duration === undefined
        ? { featureIndex: f.index, featureId: f.id, type: o.type, value: deviceValue(o, steps) }
        : { featureIndex: f.index, featureId: f.id, type: o.type, value: deviceValue(o, steps), duration };
    const handler = this.handler;
    if (!handler.output)
      throw deviceError('UnhandledCommand', `The protocol of ${this.name} takes no output commands.`);
    // A synchronous encoder runs at once (its errors reach the caller). The output is recorded
    // before its commands are queued: an idle queue writes to the hardware straight away.
    let encoded: HardwareCommand[] | Promise<HardwareCommand[]> | undefined;
    if (this.encodesPending === 0) {
      const hw = handler.output(cmd);
      encoded = isThenable(hw) ? Promise.resolve(hw) : hw;
    }
    this.lastSent.set(key, signature);
    if (this.events.observed) {
      const n = stepCount(o);
      this.events.emit({
        kind: 'output',
        deviceIndex: this.index,
        featureIndex: f.index,
        outputType: o.type,
        level: n > 0 ? steps / n : 0,
        steps,
        ...(duration !== undefined ? { durationMs: duration } : {}),
      });
    }
    const failed = (err: unknown) => {
      // The toy never got it: let the next identical command through.
      if (this.lastSent.get(key) === signature) this.lastSent.delete(key);
      this.onDeliveryFailure(err);
    };
    // Encoded at once (the usual case): the queue reports a failure itself, with no extra step.
    if (Array.isArray(encoded)) return this.queue.push(key, encoded, failed);
    const delivery =
      encoded === undefined
        ? // Behind an encode still running: wait its turn so the handler never runs twice at a time.
          this.afterEncode(
            key,
            this.encodeTail.then(() => handler.output!(cmd)),
          )
        : this.afterEncode(key, encoded as Promise<HardwareCommand[]>);
    return this.watch(delivery, failed);
  }

  private afterEncode(key: string, encoded: Promise<HardwareCommand[]>): Delivery {
    this.encodesPending++;
    // Wrapped so the tail settles when the commands are queued, not when they are written.
    const queued = encoded
      .then((hw) => ({ delivery: this.queue.push(key, hw) }))
      .finally(() => this.encodesPending--);
    this.encodeTail = queued.catch(() => {});
    return queued.then((q) => q.delivery);
  }

  /** Reports a failed delivery (once, to `failed`) and passes it on to whoever awaits it. */
  private watch(
    delivery: Delivery,
    failed: (err: unknown) => void = (err) => this.onDeliveryFailure(err),
  ): Delivery {
    delivery.catch(failed);
    return delivery;
  }

  /**
   * The step value last sent to an output (undefined if none yet). Legacy position commands
   * need it to work out how far a stroke goes.
   */
  lastSteps(featureIndex: number, type: OutputType): number | undefined {
    const sig = this.lastSent.get(`${featureIndex}/${type}`);
    return sig === undefined ? undefined : Number(sig.split('@')[0]);
  }

  /**
   * Sends hardware commands that bypass the protocol (raw messages, legacy LovenseCmd) through
   * this device's queue, so they are paced and ordered with everything else it is sent. Resolves
   * once the hardware took them (see {@link acceptRaw} to not wait).
   */
  async sendRaw(commands: HardwareCommand[]): Promise<void> {
    await this.acceptRaw(commands);
  }

  /**
   * Checks raw commands and queues them without waiting for the toy: throws a PlugkitError
   * (synchronously) for an endpoint the device lacks, otherwise returns the delivery.
   */
  acceptRaw(commands: HardwareCommand[]): Delivery {
    if (this.disposed)
      throw deviceError('DeviceNotAvailable', `Device ${this.index} (${this.name}) is gone.`);
    for (const c of commands)
      if (!this.hardware.endpoints.includes(c.endpoint))
        throw deviceError(
          'DeviceFeatureMismatch',
          `${this.name} has no endpoint "${c.endpoint}"; it has ${this.hardware.endpoints.join(', ')}.`,
        );
    // Each raw batch gets its own key: raw writes never replace one another in the queue. Behind
    // the encodes still running, so raw bytes keep their place among output commands.
    const key = `raw/${this.rawSeq++}`;
    return this.watch(
      this.encodesPending === 0
        ? this.queue.push(key, commands)
        : this.afterEncode(
            key,
            this.encodeTail.then(() => commands),
          ),
    );
  }

  /** Runs a v4 InputCmd; returns the reading for Read, undefined otherwise. */
  async input(featureIndex: number, type: InputType, command: InputCommandType): Promise<number | undefined> {
    const f = this.feature(featureIndex);
    if (!f.inputs[type])
      throw deviceError(
        'MessageNotSupported',
        `Feature ${featureIndex} of ${this.name} has no ${type} input${Object.keys(f.inputs).length ? `; it has ${Object.keys(f.inputs).join(', ')}` : ''}.`,
      );
    const key = `${featureIndex}/${type}`;
    switch (command) {
      case 'Read':
        return this.read(featureIndex, type);
      case 'Subscribe':
        if (!this.handler.subscribeInput)
          throw deviceError('UnhandledCommand', `${this.name} cannot stream ${type} readings.`);
        await this.handler.subscribeInput(featureIndex, type);
        this.subscriptions.add(key);
        return undefined;
      case 'Unsubscribe':
        if (this.subscriptions.has(key) && this.handler.unsubscribeInput)
          await this.handler.unsubscribeInput(featureIndex, type);
        this.subscriptions.delete(key);
        return undefined;
    }
  }

  private async read(featureIndex: number, type: InputType): Promise<number> {
    if (this.handler.readInput) return this.handler.readInput(featureIndex, type);
    // Generic BLE battery service: one byte, percent.
    if (type === 'Battery' && this.hardware.endpoints.includes('rxblebattery')) {
      const data = await this.hardware.read('rxblebattery', 1, 5000);
      if (data.length < 1)
        throw deviceError('DeviceCommunicationError', `${this.name} sent an empty battery reading.`);
      return data[0]!;
    }
    throw deviceError('UnhandledCommand', `${this.name} cannot read ${type}.`);
  }

  /**
   * Stops outputs and/or input subscriptions of the whole device or one feature. Resolves once
   * the stop commands reached the toy, or — with `untilDelivered: false` (a client's StopCmd) —
   * once they are queued.
   */
  async stop(opts: StopOptions = {}): Promise<void> {
    const features = opts.featureIndex === undefined ? this.features : [this.feature(opts.featureIndex)];
    const errors: unknown[] = [];
    const deliveries: Delivery[] = [];
    if (opts.outputs ?? true)
      for (const f of features) {
        const o = STOP_ORDER.map((t) => f.outputs.find((x) => x.type === t && !x.disabled)).find((x) => x);
        if (!o) continue;
        try {
          deliveries.push(this.send(f, o, 0));
        } catch (e) {
          errors.push(e);
        }
      }
    const unsubscribe =
      (opts.inputs ?? true)
        ? [...this.subscriptions].filter((key) => features.some((f) => key.startsWith(`${f.index}/`)))
        : [];
    // Unsubscribing talks to the toy directly: let the stop writes go first, as they always did.
    if ((opts.untilDelivered ?? true) || unsubscribe.length)
      for (const d of deliveries) await d.catch((e: unknown) => errors.push(e));
    for (const key of unsubscribe) {
      const [fi, type] = key.split('/') as [string, InputType];
      await this.input(Number(fi), type, 'Unsubscribe').catch((e: unknown) => errors.push(e));
    }
    if (errors.length) throw errors[0];
  }

  /** Emits a reading from the protocol (only while subscribed). */
  emitReading(featureIndex: number, type: InputType, value: number): void {
    if (this.subscriptions.has(`${featureIndex}/${type}`))
      this.readingSubject.next({ deviceIndex: this.index, featureIndex, type, value });
  }

  /** Flushes pending writes; used before shutdown so stop commands reach the toy. */
  async flush(): Promise<void> {
    await this.encodeTail;
    await this.queue.flush();
  }

  /** Drops queued commands and timers; the device is gone or being removed. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.dispose();
    this.handler.dispose?.();
    this.readingSubject.complete();
  }
}
