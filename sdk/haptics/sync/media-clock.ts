import { SeekDetector, type SeekDetectorOptions } from './seek-detector.js';

/** What a media player says about its clock. */
export interface MediaReport {
  /** Playback position in media ms. */
  positionMs: number;
  /** False while paused, stopped or ended. */
  playing: boolean;
  /** Playback rate (1 = normal speed). */
  rate: number;
}

/** What a report did to the local clock. */
export type MediaClockEvent =
  | 'lock' // first report
  | 'seek' // jumped ≥ the seek threshold; the clock snapped
  | 'pause'
  | 'resume'
  | 'rate' // rate changed; the clock keeps its position and runs at the new rate
  | 'step' // a repeated small offset, corrected in full (slewed)
  | 'track'; // ordinary report, averaged into the estimate

/** Options of {@link MediaClockTracker}. */
export interface MediaClockOptions extends SeekDetectorOptions {
  /** How much faster or slower than the media the local clock may run while correcting. Default 0.1 (±10 %). */
  maxSlew?: number;
  /**
   * How fast the true offset may wander, in ms² per ms (the filter's process noise). Small values
   * average jitter away; large ones follow a wobbly source faster. Default 0.002.
   */
  processNoise?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The local media clock: extrapolates between reports (position advances at the reported rate on
 * the local {@link Clock} time passed in) and corrects toward each report without jumping. A
 * report's error is weighed against the measured report jitter (a one-state Kalman filter), so a
 * per-frame source is followed closely and a 1 Hz source with ±100 ms jitter is averaged; the
 * correction is then slewed in at no more than `maxSlew` of real time. Seeks (see
 * {@link SeekDetector}), pauses, resumes and rate changes re-anchor the clock instead.
 */
export class MediaClockTracker {
  private readonly detector: SeekDetector;
  private readonly maxSlew: number;
  private readonly q: number;
  private tRef = 0;
  private mRef = 0;
  private pending = 0;
  private rateValue = 1;
  private playingValue = false;
  private lockedValue = false;
  private lastReportAt = 0;
  /** Variance of the offset estimate and of report jitter, ms². */
  // Start by assuming a jittery source (σ 50 ms); a steady one pulls this down within a few reports.
  private p = 2500;
  private r = 2500;

  constructor(options: MediaClockOptions = {}) {
    this.detector = new SeekDetector(options);
    this.maxSlew = options.maxSlew ?? 0.1;
    this.q = options.processNoise ?? 0.002;
  }

  /** Whether a report has arrived yet. */
  get locked(): boolean {
    return this.lockedValue;
  }
  /** Whether the media is playing (as last reported). */
  get playing(): boolean {
    return this.playingValue;
  }
  /** The media rate (as last reported). */
  get rate(): number {
    return this.rateValue;
  }
  /** The measured report jitter, one standard deviation in ms. */
  get jitterMs(): number {
    return Math.sqrt(this.r);
  }

  /** Takes one report that arrived at local time `now`; says what it did. */
  report(report: MediaReport, now: number): MediaClockEvent {
    const { positionMs, playing } = report;
    const rate = report.rate > 0 && Number.isFinite(report.rate) ? report.rate : 1;
    if (!this.lockedValue) {
      this.lockedValue = true;
      this.anchor(positionMs, now, playing, rate);
      return 'lock';
    }
    this.advanceTo(now);
    const error = positionMs - (this.mRef + this.pending);
    const dt = Math.max(0, now - this.lastReportAt);
    this.lastReportAt = now;

    if (playing !== this.playingValue) {
      const jumped = Math.abs(error) >= this.detector.thresholdMs;
      this.anchor(positionMs, now, playing, rate);
      this.detector.reset();
      if (playing) return jumped ? 'seek' : 'resume';
      return 'pause';
    }
    if (!playing) {
      // Scrubbing while paused: the position is exact, follow it.
      const moved = positionMs !== this.mRef;
      this.anchor(positionMs, now, false, rate);
      return moved && Math.abs(error) >= 1 ? 'seek' : 'track';
    }
    if (rate !== this.rateValue) {
      if (Math.abs(error) >= this.detector.thresholdMs) {
        this.anchor(positionMs, now, true, rate);
        return 'seek';
      }
      // We do not know when inside the last interval the rate changed: take the report whole.
      this.rateValue = rate;
      this.pending += error;
      this.p = this.r;
      this.detector.reset();
      return 'rate';
    }

    this.p += this.q * dt;
    const verdict = this.detector.classify(error, this.jitterMs);
    if (verdict === 'seek') {
      this.anchor(positionMs, now, true, rate);
      return 'seek';
    }
    if (verdict === 'step') {
      this.pending += error;
      this.p = this.r;
      return 'step';
    }
    // A lone outlier is held back until the next report says whether it was a step.
    if (verdict === 'outlier') return 'track';
    const k = this.p / (this.p + this.r);
    this.pending += k * error;
    this.p *= 1 - k;
    // Jitter estimate from the innovation (its variance is P + R); outliers are capped so a
    // single late report does not open the filter.
    const e2 = Math.min(error * error, 16 * this.r + 100);
    this.r = clamp(this.r + 0.1 * (e2 - this.p - this.r), 1, 250_000);
    return 'track';
  }

  /** The (slewed, continuous) media position at local time `t` (ms), without moving the clock. */
  positionAt(t: number): number {
    const dt = t - this.tRef;
    if (!this.playingValue) return this.mRef + this.pending;
    if (dt <= 0) return this.mRef + dt * this.rateValue;
    const slew = clamp(this.pending, -this.maxSlew * dt * this.rateValue, this.maxSlew * dt * this.rateValue);
    return this.mRef + dt * this.rateValue + slew;
  }

  /**
   * The local time at which the media reaches `mediaMs` if it keeps playing at the current rate
   * (including the correction still being slewed in); undefined while paused.
   */
  localTimeOf(mediaMs: number): number | undefined {
    if (!this.playingValue) return undefined;
    const rate = this.rateValue;
    const dm = mediaMs - this.mRef;
    if (dm <= 0 || this.pending === 0) return this.tRef + dm / rate;
    const sign = Math.sign(this.pending);
    const fast = rate * (1 + sign * this.maxSlew);
    const slewEnd = Math.abs(this.pending) / (this.maxSlew * rate);
    const mAtEnd = fast * slewEnd;
    return dm <= mAtEnd ? this.tRef + dm / fast : this.tRef + slewEnd + (dm - mAtEnd) / rate;
  }

  /** Moves the internal anchor to `t`, applying the slew due by then. */
  private advanceTo(t: number): void {
    if (t <= this.tRef) return;
    const next = this.positionAt(t);
    if (this.playingValue) this.pending -= next - this.mRef - (t - this.tRef) * this.rateValue;
    this.mRef = this.playingValue ? next : this.mRef;
    this.tRef = t;
  }

  private anchor(positionMs: number, now: number, playing: boolean, rate: number): void {
    this.mRef = positionMs;
    this.tRef = now;
    this.lastReportAt = now;
    this.pending = 0;
    this.playingValue = playing;
    this.rateValue = rate;
    this.p = this.r;
  }
}
