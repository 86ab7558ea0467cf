import { ReplaySubject, type Observable } from 'rxjs';
import type { OutputType, Range } from '../protocol/index.js';
import type { FeatureDescription, OutputDescription, OutputValue } from './model.js';
import { checkDuration, checkLevel, fractionFor, invalid } from './values.js';

/** Sends one output command of a device (supplied by the device). */
export type OutputSender = (
  feature: FeatureDescription,
  output: OutputDescription,
  value: OutputValue,
) => Promise<void>;

/**
 * One output of a device feature: a motor, a rotator, a stroker axis, a heater… Levels are
 * fractions 0..1 turned into steps the way the reference client does (`ceil(steps × level)`);
 * `setSteps` sends an exact step value. Every value is checked before it leaves.
 */
export class Output {
  private readonly sent = new ReplaySubject<number>(1);
  /**
   * The last level this client sent to this output, replayed to new subscribers: 0..1 for
   * intensity outputs and positions, -1..1 for rotation (negative = reverse). Emits nothing
   * before the first successful send; updated after every successful send through this
   * object or its {@link Device} (not by `Device.stop()` or `client.stopAll()`).
   */
  readonly value$: Observable<number> = this.sent.asObservable();

  /** @internal */
  constructor(
    private readonly sender: OutputSender,
    private feature: FeatureDescription,
    private description: OutputDescription,
  ) {}

  /** What this output does, e.g. `Vibrate`. */
  get type(): OutputType {
    return this.description.type;
  }
  /** Index of the feature this output belongs to. */
  get featureIndex(): number {
    return this.feature.index;
  }
  /** Number of steps above zero (the top of the range); level 1 sends this many. */
  get steps(): number {
    return this.description.range[1];
  }
  /** The valid step range, `[0, N]` or `[-N, N]` for outputs with a direction. */
  get range(): Range {
    return [this.description.range[0], this.description.range[1]];
  }
  /** Valid durations in ms for `moveTo`, when the server says. */
  get durationRange(): Range | undefined {
    return this.description.duration
      ? [this.description.duration[0], this.description.duration[1]]
      : undefined;
  }

  /** Sets the output to a level from 0 (off) to 1 (full). */
  set(level: number): Promise<void> {
    return this.run(() => this.valueForLevel(level, 1, `${this.type} level`));
  }

  /** Sets an exact step value within {@link range} (negative = reverse, where the range allows). */
  setSteps(steps: number): Promise<void> {
    return this.run(() => {
      if (typeof steps !== 'number' || !Number.isInteger(steps))
        throw invalid('NotAnInteger', `${this.type} steps must be a whole number; got ${String(steps)}.`);
      const [min, max] = this.description.range;
      if (steps < min || steps > max)
        throw invalid(
          'OutOfRange',
          `${this.type} steps must be from ${min} to ${max} on feature ${this.featureIndex}; got ${steps}.`,
        );
      return { steps, fraction: fractionFor(steps, max) };
    });
  }

  /** Moves to a position (0..1) over `durationMs` milliseconds (HwPositionWithDuration outputs). */
  moveTo(position: number, durationMs: number): Promise<void> {
    return this.run(() => {
      if (this.type !== 'HwPositionWithDuration')
        throw invalid(
          'WrongOutputType',
          `moveTo needs a HwPositionWithDuration output; this one is ${this.type}.`,
        );
      const value = this.valueForLevel(position, 1, 'position');
      return { ...value, durationMs: checkDuration(durationMs, 'durationMs', this.description.duration) };
    });
  }

  /** @internal The checked value for a level, with a direction sign (rotation). */
  valueForLevel(level: number, sign: 1 | -1, what: string): OutputValue {
    checkLevel(level, what);
    if (sign < 0 && this.description.range[0] >= 0)
      throw invalid(
        'NoReverse',
        `${this.type} on feature ${this.featureIndex} turns one way only; use clockwise = true.`,
      );
    const steps = Math.ceil(this.steps * level);
    return { steps: steps === 0 ? 0 : sign * steps, fraction: level };
  }

  /** @internal Sends a value computed by {@link valueForLevel} (validation already done). */
  send(value: OutputValue): Promise<void> {
    return this.sender(this.feature, this.description, value).then(() =>
      this.sent.next(value.steps < 0 ? -value.fraction : value.fraction),
    );
  }

  /** @internal Points this output at a fresh description after a reconnect. */
  refresh(feature: FeatureDescription, description: OutputDescription): void {
    this.feature = feature;
    this.description = description;
  }

  private run(make: () => OutputValue): Promise<void> {
    let value: OutputValue;
    try {
      value = make();
    } catch (err) {
      return Promise.reject(err);
    }
    return this.send(value);
  }
}
