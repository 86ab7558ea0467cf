import { Observable } from 'rxjs';
import type { MediaReport } from './media-clock.js';

/**
 * The parts of an `HTMLMediaElement` the clock reads (so tests can pass a stand-in). Written out
 * rather than picked from the DOM types, so the published types compile without `lib: ["DOM"]`.
 */
export interface MediaElementLike {
  readonly currentTime: number;
  readonly paused: boolean;
  readonly ended: boolean;
  readonly playbackRate: number;
  addEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
  removeEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
}

const EVENTS = [
  'timeupdate',
  'play',
  'playing',
  'pause',
  'seeking',
  'seeked',
  'ratechange',
  'ended',
  'waiting',
] as const;

/**
 * Media reports from a `<video>` or `<audio>` element: one on subscribe, then on every
 * `timeupdate` (4–66 Hz in browsers), play/pause, seek, rate change, end and stall (`waiting`
 * counts as not playing, so toys stop while the video buffers).
 */
export function mediaElementClock(media: MediaElementLike): Observable<MediaReport> {
  return new Observable<MediaReport>((subscriber) => {
    let waiting = false;
    const emit = (e?: { readonly type: string }) => {
      if (e?.type === 'waiting') waiting = true;
      else if (e?.type === 'playing' || e?.type === 'seeked' || e?.type === 'timeupdate') waiting = false;
      subscriber.next({
        positionMs: media.currentTime * 1000,
        playing: !media.paused && !media.ended && !waiting,
        rate: media.playbackRate,
      });
    };
    for (const name of EVENTS) media.addEventListener(name, emit);
    emit();
    return () => {
      for (const name of EVENTS) media.removeEventListener(name, emit);
    };
  });
}
