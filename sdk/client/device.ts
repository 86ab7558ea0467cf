import { Observable, filter, map, type Observable as Obs } from 'rxjs';
import { PlugkitError, type InputCommandType, type InputType, type OutputType } from '../protocol/index.js';
import type { ClientLink } from './link.js';
import type {
  DeviceDescription,
  FeatureDescription,
  InputDescription,
  OutputDescription,
  OutputValue,
} from './model.js';
import { Input, type InputPort } from './input.js';
import { Output } from './output.js';
import { checkDuration, invalid } from './values.js';

/** One feature of a device: its outputs and inputs. */
export interface Feature {
  readonly index: number;
  readonly description: string;
  readonly outputs: readonly Output[];
  readonly inputs: readonly Input[];
}

/**
 * A toy the server knows. The same object stays valid across reconnects (same index and name);
 * while it is not present every command fails at once with NOT_CONNECTED or DeviceNotAvailable.
 */
export class Device {
  private desc: DeviceDescription;
  private featureList: Feature[] = [];
  private present = true;
  /** Battery level 0..1, streamed if the toy can, otherwise read once a minute (see {@link Input.values$}). */
  readonly battery$: Obs<number>;

  /** @internal */
  constructor(
    private readonly link: ClientLink,
    description: DeviceDescription,
  ) {
    this.desc = description;
    this.build();
    this.battery$ = new Observable<number>((observer) => {
      const input = this.batteryInput();
      if (!input) {
        observer.error(invalid('NoSuchInput', `${this.name} reports no battery.`));
        return;
      }
      const max = input.ranges[0]?.[1] ?? 100;
      return input.values$.pipe(map((v) => v / max)).subscribe(observer);
    });
  }

  /** The server's index for this device (stable while the server runs). */
  get index(): number {
    return this.desc.index;
  }
  /** The model name from the device database, e.g. "Aneros Vivi". */
  get name(): string {
    return this.desc.name;
  }
  /** The name the user gave this toy, else {@link name}. */
  get displayName(): string {
    return this.desc.displayName ?? this.desc.name;
  }
  /** Minimum gap between commands the server asks for, in ms. */
  get messageTimingGap(): number {
    return this.desc.messageTimingGap;
  }
  /** Features in index order. */
  get features(): readonly Feature[] {
    return this.featureList;
  }
  /** False while the toy is gone or the client is reconnecting. */
  get available(): boolean {
    return this.present;
  }

  /** Outputs of every feature, optionally only those of one type. */
  outputs(type?: OutputType): Output[] {
    return this.featureList.flatMap((f) => f.outputs).filter((o) => type === undefined || o.type === type);
  }

  /** Inputs of every feature, optionally only those of one type. */
  inputs(type?: InputType): Input[] {
    return this.featureList.flatMap((f) => f.inputs).filter((i) => type === undefined || i.type === type);
  }

  /**
   * Vibrates: one level (0..1) for every motor, or one level per motor in feature order.
   * All values are checked before any is sent.
   */
  vibrate(level: number | readonly number[]): Promise<void> {
    return this.fanOut('Vibrate', (outputs) => {
      if (typeof level !== 'number' && !Array.isArray(level))
        throw invalid(
          'NotANumber',
          `vibrate takes a level 0..1 or an array of levels; got ${String(level)}.`,
        );
      const levels = Array.isArray(level) ? level : outputs.map(() => level as number);
      if (levels.length !== outputs.length)
        throw invalid(
          'WrongCount',
          `${this.name} has ${outputs.length} vibrators; vibrate got ${levels.length} levels.`,
        );
      // One level per motor: name the motor by its place in the array the caller passed.
      return outputs.map((o, i) =>
        o.valueForLevel(levels[i]!, 1, Array.isArray(level) ? `motor ${i}: level` : 'vibrate level'),
      );
    });
  }

  /** Rotates every rotator at `speed` (0..1); `clockwise = false` reverses where the toy can. */
  rotate(speed: number, clockwise = true): Promise<void> {
    return this.fanOut('Rotate', (outputs) =>
      outputs.map((o) => o.valueForLevel(speed, clockwise ? 1 : -1, 'rotate speed')),
    );
  }

  /** Moves every stroker axis to `position` (0..1) over `durationMs`. */
  linear(position: number, durationMs: number): Promise<void> {
    return this.fanOut('HwPositionWithDuration', (outputs) =>
      outputs.map((o) => {
        const v = o.valueForLevel(position, 1, 'position');
        return { ...v, durationMs: checkDuration(durationMs, 'durationMs', o.durationRange) };
      }),
    );
  }

  /** Stops every output of this toy. */
  async stop(): Promise<void> {
    this.ensurePresent();
    await this.link.request(this.link.codec().stopDevice(this.index));
  }

  /** Reads the battery level, 0..1. */
  async battery(): Promise<number> {
    const input = this.batteryInput();
    if (!input) throw invalid('NoSuchInput', `${this.name} reports no battery.`);
    const max = input.ranges[0]?.[1] ?? 100;
    return (await input.read()) / max;
  }

  /** @internal The toy is back (reconnect) or was updated: refresh features, keep objects. */
  attach(description: DeviceDescription): void {
    this.desc = description;
    this.build();
    this.present = true;
    for (const i of this.inputs()) i.resume();
  }

  /** @internal The toy is gone for now (removed or the connection dropped). */
  detach(): void {
    this.present = false;
  }

  private batteryInput(): Input | undefined {
    return this.inputs('Battery').find((i) => i.ranges.length > 0) ?? this.inputs('Battery')[0];
  }

  private ensurePresent(): void {
    this.link.codec(); // NOT_CONNECTED first: it is the more useful message while offline
    if (!this.present)
      throw new PlugkitError(
        'ERROR_DEVICE',
        'DeviceNotAvailable',
        `${this.displayName} (device ${this.index}) is not connected right now.`,
      );
  }

  private async fanOut(type: OutputType, values: (outputs: Output[]) => OutputValue[]): Promise<void> {
    const outputs = this.outputs(type);
    if (outputs.length === 0)
      throw invalid(
        'WrongOutputType',
        `${this.name} has no ${type} output; it has ${[...new Set(this.outputs().map((o) => o.type))].join(', ') || 'no outputs'}.`,
      );
    const checked = values(outputs); // throws before anything is sent
    await Promise.all(outputs.map((o, i) => o.send(checked[i]!)));
  }

  private readonly sendOutput = async (
    feature: FeatureDescription,
    output: OutputDescription,
    value: OutputValue,
  ) => {
    this.ensurePresent();
    await this.link.request(this.link.codec().output(this.desc, feature, output, value));
  };

  private readonly port: InputPort = {
    command: async (feature: FeatureDescription, input: InputDescription, command: InputCommandType) => {
      this.ensurePresent();
      const codec = this.link.codec();
      const reply = await this.link.request(codec.input(this.desc, feature, input, command));
      return codec.reading(reply, (i) => this.link.describe(i))?.value;
    },
    pushed: (featureIndex: number, type: InputType) =>
      this.link.reading$.pipe(
        filter((r) => r.deviceIndex === this.index && r.featureIndex === featureIndex && r.type === type),
        map((r) => r.value),
      ),
    clock: () => this.link.clock(),
  };

  /** Builds Feature objects, reusing Output/Input objects of the same feature and type. */
  private build(): void {
    const old = this.featureList;
    this.featureList = this.desc.features.map((f) => {
      const before = old.find((x) => x.index === f.index);
      const outputs = f.outputs.map((o) => {
        const reuse = before?.outputs.find((x) => x.type === o.type);
        if (reuse) reuse.refresh(f, o);
        return reuse ?? new Output(this.sendOutput, f, o);
      });
      const inputs = f.inputs.map((i) => {
        const reuse = before?.inputs.find((x) => x.type === i.type);
        if (reuse) reuse.refresh(f, i);
        return reuse ?? new Input(this.port, f, i);
      });
      return { index: f.index, description: f.description, outputs, inputs };
    });
  }
}
