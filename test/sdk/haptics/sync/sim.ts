/** Test doubles for sync: a recording target and a simulated media player on a VirtualClock. */
import { Subject } from 'rxjs';
import type { MediaReport, SyncTarget, VirtualClock } from '../../../../sdk/index.js';

export interface Sent {
  at: number;
  value: number;
  durationMs: number | undefined;
}

/** A target that records every send with its local time. */
export class RecordingTarget implements SyncTarget {
  readonly sent: Sent[] = [];
  stops: number[] = [];
  stop?: () => Promise<void>;
  constructor(
    private readonly clock: VirtualClock,
    readonly kind: 'position' | 'intensity',
    readonly gapMs: number,
    readonly latencyMs: number,
    withStop = false,
    readonly maxSpeed?: number,
  ) {
    if (withStop)
      this.stop = async () => {
        this.stops.push(this.clock.now());
      };
  }
  send(value: number, durationMs?: number): Promise<void> {
    this.sent.push({ at: this.clock.now(), value, durationMs });
    return Promise.resolve();
  }
  /** Sends at or after local time t. */
  after(t: number): Sent[] {
    return this.sent.filter((s) => s.at >= t);
  }
}

/**
 * A media player whose true position is exact on the virtual clock; it reports every
 * `intervalMs` (± `timingJitterMs`), each report off by up to ± `valueJitterMs`.
 */
export class SimMedia {
  private readonly subject = new Subject<MediaReport>();
  readonly report$ = this.subject.asObservable();
  private anchorAt: number;
  private anchorPos: number;
  playing = true;
  rate = 1;
  private seed = 12345;

  constructor(
    private readonly clock: VirtualClock,
    private readonly intervalMs: number,
    private readonly timingJitterMs = 0,
    private readonly valueJitterMs = 0,
    start = 0,
    /** The media's own clock runs this much fast (drift), e.g. 50e-6. */
    private readonly drift = 0,
  ) {
    this.anchorAt = clock.now();
    this.anchorPos = start;
  }

  /** Deterministic uniform [-1, 1). */
  private rand(): number {
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    return this.seed / 0x40000000 - 1;
  }

  position(t = this.clock.now()): number {
    return this.anchorPos + (this.playing ? (t - this.anchorAt) * this.rate * (1 + this.drift) : 0);
  }

  /** Local time at which the true media reaches `m` (while playing). */
  localTimeOf(m: number): number {
    return this.anchorAt + (m - this.anchorPos) / (this.rate * (1 + this.drift));
  }

  /** Starts periodic reports and sends one now. */
  start(): void {
    this.emit();
    const next = () => {
      const wait = this.intervalMs + this.timingJitterMs * this.rand();
      this.clock.schedule(Math.max(1, wait), () => {
        if (this.stopped) return;
        this.emit();
        next();
      });
    };
    next();
  }
  private stopped = false;
  end(): void {
    this.stopped = true;
    this.subject.complete();
  }

  emit(): void {
    const noise = this.playing ? this.valueJitterMs * this.rand() : 0;
    this.subject.next({ positionMs: this.position() + noise, playing: this.playing, rate: this.rate });
  }

  private change(f: () => void): void {
    this.anchorPos = this.position();
    this.anchorAt = this.clock.now();
    f();
  }
  seek(m: number): void {
    this.change(() => (this.anchorPos = m));
  }
  pause(): void {
    this.change(() => (this.playing = false));
  }
  play(): void {
    this.change(() => (this.playing = true));
  }
  setRate(r: number): void {
    this.change(() => (this.rate = r));
  }
}

/** Keyframes alternating 0/100 every `stepMs` from `from` to `to` (inclusive), as a funscript. */
export function strokes(stepMs: number, from: number, to: number, low = 0, high = 100) {
  const actions = [];
  for (let at = from, i = 0; at <= to; at += stepMs, i++) actions.push({ at, pos: i % 2 ? high : low });
  return { actions };
}

/**
 * For each stroke sent, when the toy arrives (send + latency + duration) vs when the true media
 * reaches the keyframe aimed at (found as the keyframe nearest to the arrival's media time).
 */
export function arrivalErrors(
  sent: readonly Sent[],
  latencyMs: number,
  keyframeTimes: readonly number[],
  media: SimMedia,
  offsetMs = 0,
): number[] {
  return sent
    .filter((s) => s.durationMs !== undefined && s.durationMs > 0)
    .map((s) => {
      const arrive = s.at + latencyMs + s.durationMs!;
      const m = media.position(arrive) - offsetMs;
      let best = keyframeTimes[0]!;
      for (const k of keyframeTimes) if (Math.abs(k - m) < Math.abs(best - m)) best = k;
      return arrive - media.localTimeOf(best + offsetMs);
    });
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
