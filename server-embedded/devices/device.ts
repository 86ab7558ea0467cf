import { Subject } from 'rxjs';
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
import { advertisedRange, checkStep, deviceValue } from './steps.js';

const deviceError = (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message);

/** A sensor value a device reported. */
export interface DeviceReading {
  deviceIndex: number;
  featureIndex: number;
  type: InputType;
  value: number;
}

/**
 * A connected toy as the server sees it: its features, the last value sent per output (for
 * de-duplication), its active subscriptions, and the queue that paces its writes.
 */
export class ServerDevice {
  readonly reading$ = new Subject<DeviceReading>();
  private readonly lastSent = new Map<string, string>();
  private readonly subscriptions = new Set<string>();
  private readonly queue: CommandQueue;
  private disposed = false;
  private rawSeq = 0;

  constructor(
    readonly index: number,
    readonly resolved: ResolvedDevice,
    readonly hardware: Hardware,
    readonly handler: ProtocolHandler,
    /** Where failures of writes that happen after the client's Ok (paced, keepalive) are told. */
    log: (message: string) => void = () => {},
  ) {
    // The config's gap wins; otherwise the bus's own pacing (e.g. BLE), if the hardware has one.
    const gap = resolved.messageGapMs ?? hardware.messageGapMs ?? 0;
    this.queue = new CommandQueue(hardware, gap, handler.keepalive, (err) =>
      log(`${resolved.name}: a queued write failed: ${(err as Error).message}`),
    );
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
    const f = this.features.find((x) => x.index === featureIndex);
    if (!f)
      throw deviceError(
        'DeviceFeatureIndexError',
        `Device ${this.index} (${this.name}) has no feature ${featureIndex}; its features are ${this.features.map((x) => x.index).join(', ')}.`,
      );
    return f;
  }

  /** Validates a v4 OutputCmd payload and sends it (unless it repeats the last value sent). */
  async output(featureIndex: number, command: WireOutputCommand): Promise<void> {
    const f = this.feature(featureIndex);
    const type = Object.keys(command)[0] as OutputType;
    const payload = (command as Record<string, { Value: number; Duration?: number }>)[type]!;
    if (f.outputs.length === 0)
      throw deviceError('MessageNotSupported', `Feature ${featureIndex} of ${this.name} has no outputs.`);
    const o = f.outputs.find((x) => x.type === type);
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
    await this.send(f, o, payload.Value, payload.Duration);
  }

  private async send(f: ResolvedFeature, o: ResolvedOutput, steps: number, duration?: number): Promise<void> {
    if (this.disposed)
      throw deviceError('DeviceNotAvailable', `Device ${this.index} (${this.name}) is gone.`);
    const key = `${f.index}/${o.type}`;
    const signature = duration === undefined ? String(steps) : `${steps}@${duration}`;
    if (this.lastSent.get(key) === signature) return;
    const cmd: OutputCommand = {
      featureIndex: f.index,
      featureId: f.id,
      type: o.type,
      value: deviceValue(o, steps),
      ...(duration !== undefined ? { duration } : {}),
    };
    if (!this.handler.output)
      throw deviceError('UnhandledCommand', `The protocol of ${this.name} takes no output commands.`);
    const hw = await this.handler.output(cmd);
    this.lastSent.set(key, signature);
    try {
      await this.queue.push(key, hw);
    } catch (err) {
      this.lastSent.delete(key); // the toy never got it: let the next identical command through
      throw err;
    }
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
   * this device's queue, so they are paced and ordered with everything else it is sent.
   */
  async sendRaw(commands: HardwareCommand[]): Promise<void> {
    if (this.disposed)
      throw deviceError('DeviceNotAvailable', `Device ${this.index} (${this.name}) is gone.`);
    for (const c of commands)
      if (!this.hardware.endpoints.includes(c.endpoint))
        throw deviceError(
          'DeviceFeatureMismatch',
          `${this.name} has no endpoint "${c.endpoint}"; it has ${this.hardware.endpoints.join(', ')}.`,
        );
    // Each raw batch gets its own key: raw writes never replace one another in the queue.
    await this.queue.push(`raw/${this.rawSeq++}`, commands);
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

  /** Stops outputs and/or input subscriptions of the whole device or one feature. */
  async stop(opts: { featureIndex?: number; outputs?: boolean; inputs?: boolean } = {}): Promise<void> {
    const features = opts.featureIndex === undefined ? this.features : [this.feature(opts.featureIndex)];
    const errors: unknown[] = [];
    if (opts.outputs ?? true)
      for (const f of features) {
        const o = STOP_ORDER.map((t) => f.outputs.find((x) => x.type === t && !x.disabled)).find((x) => x);
        if (o) await this.send(f, o, 0).catch((e: unknown) => errors.push(e));
      }
    if (opts.inputs ?? true)
      for (const key of [...this.subscriptions]) {
        const [fi, type] = key.split('/') as [string, InputType];
        if (features.some((f) => f.index === Number(fi)))
          await this.input(Number(fi), type, 'Unsubscribe').catch((e: unknown) => errors.push(e));
      }
    if (errors.length) throw errors[0];
  }

  /** Emits a reading from the protocol (only while subscribed). */
  emitReading(featureIndex: number, type: InputType, value: number): void {
    if (this.subscriptions.has(`${featureIndex}/${type}`))
      this.reading$.next({ deviceIndex: this.index, featureIndex, type, value });
  }

  /** Flushes pending writes; used before shutdown so stop commands reach the toy. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Drops queued commands and timers; the device is gone or being removed. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.dispose();
    this.handler.dispose?.();
    this.reading$.complete();
  }
}
