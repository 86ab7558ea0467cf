import type { Hardware } from '../../hardware/types.js';
import { ascii, type ProtocolContext } from '../types.js';

/** The Solace Pro takes a new position every 100 ms; longer moves are split into such steps. */
export const STROKE_TICK_MS = 100;

/**
 * Drives a Lovense stroker to a position over a duration. The toy only understands "go to
 * position p now" (`FSetSite:p;`), so a timed move becomes a series of equal steps, one per tick.
 */
export class StrokeMover {
  private position = 0;
  private goal = 0;
  private step = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A tick is scheduled or its write is in flight. */
  private running = false;
  private stopped = false;

  constructor(
    private readonly hardware: Hardware,
    private readonly log: ProtocolContext['log'],
  ) {}

  /** Starts moving towards `position` (0–100), arriving after about `durationMs`. */
  moveTo(position: number, durationMs: number): void {
    if (this.stopped) return;
    if (position !== this.goal) {
      this.goal = position;
      const ticks = Math.max(1, Math.floor(durationMs / STROKE_TICK_MS));
      this.step = Math.trunc((this.goal - this.position) / ticks);
      // A distance shorter than the tick count still has to be covered.
      if (this.step === 0) this.step = Math.sign(this.goal - this.position);
    }
    if (!this.running && this.position !== this.goal) {
      this.running = true;
      this.tick();
    }
  }

  /** Stops the movement loop for good. */
  dispose(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped || this.position === this.goal) {
      this.running = false;
      return;
    }
    const next = this.position + this.step;
    this.position = this.step < 0 ? Math.max(next, this.goal) : Math.min(next, this.goal);
    this.hardware.write('tx', ascii(`FSetSite:${this.position};`), false).then(
      () => {
        if (this.stopped) this.running = false;
        else this.timer = setTimeout(() => this.tick(), STROKE_TICK_MS);
      },
      (err: unknown) => {
        this.log('warn', `stroke movement stopped: ${(err as Error).message}`);
        this.dispose();
      },
    );
  }
}
