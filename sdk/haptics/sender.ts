import type { Output } from '../client/output.js';
import type { Clock, Timer } from '../clock/index.js';
import { valueKind } from './model.js';

/** Options of an {@link OutputPacer}. */
export interface OutputPacerOptions {
  clock: Clock;
  /** Minimum ms between two sends (read at every send, so it may follow a device's gap). */
  gapMs: number | (() => number);
  /**
   * During a hold longer than this (ms) with the output running, send a one-step dither (or a
   * position move 1 ms longer) so a toy that drops an idle link stays connected. The server
   * drops exact repeats, so the dither must differ. Off by default: the server already runs
   * the keepalives its protocols need.
   */
  idleGuardMs?: number;
  /** Called when a send fails (the value is then re-sent at the next change or slot). */
  onError?: (err: unknown) => void;
}

/** A move of a position output: target 0..1 and how long the toy should take, in ms. */
export interface Move {
  position: number;
  durationMs: number;
}

// A step change is sent only once the value is ¾ step away from the step last sent: half a step
// of hysteresis around each rounding boundary, so a value hovering at a boundary does not flap.
const HYSTERESIS = 0.75;

/**
 * Sends levels to one output the way a slow toy can take them: quantized to the output's steps
 * (with hysteresis), at most once per gap, never more than one command in flight (the newest
 * value waits; older ones are dropped, never queued), only when the step changes. Used by the
 * haptics engine for every output it drives; reusable by anything that plans per output.
 */
export class OutputPacer {
  private desired: { level: number; move?: Move; force: boolean } | undefined;
  /** Signed steps last sent (NaN = unknown, e.g. after a failed send). */
  private current = NaN;
  private lastMoveDuration = NaN;
  private lastSentAt = -Infinity;
  private inFlight = false;
  private waitTimer: Timer | undefined;
  private idleTimer: Timer | undefined;
  private ditherBase: number | undefined;
  private closed = false;
  /** Commands sent and failed so far. */
  readonly stats = { sent: 0, failed: 0 };

  constructor(
    readonly output: Output,
    private readonly options: OutputPacerOptions,
  ) {}

  /** The gap in ms this pacer keeps between sends right now. */
  get gapMs(): number {
    const g = this.options.gapMs;
    return Math.max(0, typeof g === 'function' ? g() : g);
  }

  /** The signed step value last sent (NaN before the first send). */
  get currentSteps(): number {
    return this.current;
  }

  /** When the last command left (clock ms), -Infinity before the first. */
  get lastSendAt(): number {
    return this.lastSentAt;
  }

  /** Whether a command has not settled yet. */
  get busy(): boolean {
    return this.inFlight;
  }

  /** Offers a level (0..1, or −1..1 for rotation); the latest offer wins. */
  offer(level: number): void {
    this.desired = { level, force: this.desired?.force ?? false };
    this.flush();
  }

  /** Offers a move (HwPositionWithDuration outputs). */
  offerMove(move: Move): void {
    this.desired = { level: move.position, move, force: this.desired?.force ?? false };
    this.flush();
  }

  /** Brings the output to zero at the next free slot, whatever was sent before. */
  zero(): void {
    this.desired = { level: 0, force: true };
    this.flush();
  }

  /** Stops timers; a command in flight still settles. */
  close(): void {
    this.closed = true;
    this.waitTimer?.cancel();
    this.idleTimer?.cancel();
  }

  /** Tries to send the newest desired value now; waits for the gap or the command in flight. */
  flush(): void {
    if (this.closed || this.inFlight || !this.desired) return;
    const now = this.options.clock.now();
    const wait = this.lastSentAt + this.gapMs - now;
    if (wait > 0) {
      if (!this.waitTimer)
        this.waitTimer = this.options.clock.schedule(wait, () => {
          this.waitTimer = undefined;
          this.flush();
        });
      return;
    }
    const d = this.desired;
    const target = this.stepsFor(d.level);
    const changed = d.move
      ? target !== this.current || d.force
      : d.force || this.shouldChange(d.level, target);
    this.desired = undefined; // satisfied either way: sent now, or nothing to change
    if (!changed) return;
    this.ditherBase = undefined;
    this.transmit(target, d.move?.durationMs);
  }

  private shouldChange(level: number, target: number): boolean {
    if (Number.isNaN(this.current)) return true;
    if (target === this.current) return false;
    if (level === 0 || target === this.range[1] || target === this.range[0]) return true;
    if (this.ditherBase !== undefined && target === this.ditherBase) return false;
    return Math.abs(this.scaled(level) - this.current) >= HYSTERESIS;
  }

  private get range(): [number, number] {
    return this.output.range;
  }

  private scaled(level: number): number {
    const [min, max] = this.range;
    const v = valueKind(this.output.type) === 'signed' && min >= 0 ? Math.abs(level) : level;
    return Math.min(max, Math.max(min, v * max));
  }

  private stepsFor(level: number): number {
    return Math.round(this.scaled(level));
  }

  private transmit(steps: number, durationMs: number | undefined): void {
    const out = this.output;
    let sending: Promise<void>;
    if (out.type === 'HwPositionWithDuration') {
      const max = out.steps;
      // Just under steps/max so the Output's ceil() lands exactly on `steps`.
      const position = steps <= 0 || max === 0 ? 0 : Math.min(1, (steps - 0.001) / max);
      const [dMin, dMax] = out.durationRange ?? [0, 100000];
      const duration = Math.round(Math.min(dMax, Math.max(dMin, durationMs ?? this.gapMs)));
      this.lastMoveDuration = duration;
      sending = out.moveTo(position, duration);
    } else sending = out.setSteps(steps);
    this.current = steps;
    this.inFlight = true;
    this.lastSentAt = this.options.clock.now();
    this.stats.sent++;
    this.idleTimer?.cancel();
    sending.then(
      () => this.settled(),
      (err: unknown) => {
        this.stats.failed++;
        this.current = NaN;
        this.options.onError?.(err);
        this.settled();
      },
    );
  }

  private settled(): void {
    this.inFlight = false;
    this.armIdleGuard();
    this.flush();
  }

  private armIdleGuard(): void {
    const idle = this.options.idleGuardMs;
    if (idle === undefined || idle <= 0 || this.closed) return;
    this.idleTimer?.cancel();
    this.idleTimer = this.options.clock.schedule(
      Math.max(0, this.lastSentAt + idle - this.options.clock.now()),
      () => {
        this.idleTimer = undefined;
        this.keepAlive();
      },
    );
  }

  /** Sends something different but imperceptible: ±1 step, or the same move 1 ms longer. */
  private keepAlive(): void {
    if (this.closed || this.inFlight || this.desired || Number.isNaN(this.current)) return;
    if (this.output.type === 'HwPositionWithDuration') {
      const d = Number.isNaN(this.lastMoveDuration) ? this.gapMs : this.lastMoveDuration;
      return this.transmit(this.current, d === this.lastMoveDuration ? d + 1 : d);
    }
    if (this.current === 0) return; // a stopped toy needs no help: nothing is running
    const base = this.ditherBase ?? this.current;
    const [min, max] = this.range;
    const other = base + 1 <= max ? base + 1 : base - 1;
    const next = this.current === base ? Math.max(min, other) : base;
    this.ditherBase = base;
    this.transmit(next, undefined);
  }
}
