/**
 * Tells a real seek from report jitter. A report ≥ `thresholdMs` off the extrapolated clock is a
 * seek at once (one report). A smaller but clear outlier (beyond 4σ of the measured jitter and
 * `minStepMs`) is held back as `outlier`; if the next report is one too, with the same sign, it is
 * a step (a short nudge or a player that re-anchored), corrected in full rather than averaged
 * away. Anything else is noise.
 */
export type SeekVerdict = 'seek' | 'step' | 'outlier' | 'noise';

/** Options of {@link SeekDetector}. */
export interface SeekDetectorOptions {
  /** A jump this large (ms, media time) is a seek. Default 300. */
  thresholdMs?: number;
  /** Smallest error a step can be, in ms. Default 40. */
  minStepMs?: number;
}

/** Classifies the error between a media report and the extrapolated clock. */
export class SeekDetector {
  readonly thresholdMs: number;
  private readonly minStepMs: number;
  private lastOutlierSign = 0;

  constructor(options: SeekDetectorOptions = {}) {
    this.thresholdMs = options.thresholdMs ?? 300;
    this.minStepMs = options.minStepMs ?? 40;
  }

  /**
   * @param errorMs report minus extrapolation (media ms)
   * @param sigmaMs the current estimate of report jitter (one standard deviation)
   */
  classify(errorMs: number, sigmaMs: number): SeekVerdict {
    if (Math.abs(errorMs) >= this.thresholdMs) {
      this.lastOutlierSign = 0;
      return 'seek';
    }
    if (Math.abs(errorMs) > Math.max(this.minStepMs, 4 * sigmaMs)) {
      const sign = Math.sign(errorMs);
      const repeated = sign === this.lastOutlierSign;
      this.lastOutlierSign = repeated ? 0 : sign;
      return repeated ? 'step' : 'outlier';
    }
    this.lastOutlierSign = 0;
    return 'noise';
  }

  /** Forgets a half-seen outlier (after a seek, pause or rate change). */
  reset(): void {
    this.lastOutlierSign = 0;
  }
}
