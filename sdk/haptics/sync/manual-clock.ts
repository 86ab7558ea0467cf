import { BehaviorSubject, type Observable } from 'rxjs';
import type { Clock } from '../../clock/clock.js';
import type { MediaReport } from './media-clock.js';

/**
 * A media clock for apps that own time (a game, a custom player): call {@link play},
 * {@link pause}, {@link seek} and {@link setRate}; the position runs on the given {@link Clock}.
 * `report$` replays the latest state and emits on every change (sync extrapolates in between).
 */
export class ManualMediaClock {
  private anchorAt: number;
  private anchorPos = 0;
  private playingValue = false;
  private rateValue = 1;
  private readonly subject: BehaviorSubject<MediaReport>;
  /** Reports for `sync`'s `clock$`. */
  readonly report$: Observable<MediaReport>;

  constructor(private readonly clock: Clock) {
    this.anchorAt = clock.now();
    this.subject = new BehaviorSubject<MediaReport>(this.snapshot());
    this.report$ = this.subject.asObservable();
  }

  /** The position now, ms. */
  get positionMs(): number {
    return this.anchorPos + (this.playingValue ? (this.clock.now() - this.anchorAt) * this.rateValue : 0);
  }

  play(): void {
    this.change(() => (this.playingValue = true));
  }
  pause(): void {
    this.change(() => (this.playingValue = false));
  }
  /** Jumps to `positionMs`. */
  seek(positionMs: number): void {
    this.change(() => (this.anchorPos = Math.max(0, positionMs)));
  }
  /** Sets the playback rate (> 0). */
  setRate(rate: number): void {
    if (!(rate > 0)) return;
    this.change(() => (this.rateValue = rate));
  }
  /** Emits the current state again (e.g. on a timer, to mimic a polled player). */
  tick(): void {
    this.subject.next(this.snapshot());
  }
  /** Ends the stream (sync stops). */
  end(): void {
    this.subject.complete();
  }

  private change(apply: () => void): void {
    this.anchorPos = this.positionMs;
    this.anchorAt = this.clock.now();
    apply();
    this.subject.next(this.snapshot());
  }

  private snapshot(): MediaReport {
    return { positionMs: this.positionMs, playing: this.playingValue, rate: this.rateValue };
  }
}
