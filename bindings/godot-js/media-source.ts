import type { MediaReport } from './sdk.js';

/**
 * What `sync_funscript` accepts as its clock: an `AudioStreamPlayer` (position from
 * `get_playback_position()`, `playing`, `pitch_scale`), a `VideoStreamPlayer` (`stream_position`,
 * `is_playing()`, `paused`), or a function returning the position in seconds (the game owns
 * time; it counts as playing while the position moves).
 */
export type MediaSource =
  | { get_playback_position(): number; readonly playing: boolean; readonly pitch_scale?: number }
  | { readonly stream_position: number; is_playing(): boolean; readonly paused?: boolean }
  | (() => number);

/** Reads a media source once; returns undefined for something that is not one. */
export function readMedia(source: unknown, previous: MediaReport | undefined): MediaReport | undefined {
  if (typeof source === 'function') {
    const seconds = Number((source as () => unknown)());
    if (!Number.isFinite(seconds)) return undefined;
    const positionMs = seconds * 1000;
    return { positionMs, playing: previous === undefined || positionMs !== previous.positionMs, rate: 1 };
  }
  if (typeof source !== 'object' || source === null) return undefined;
  const s = source as Record<string, unknown>;
  if (typeof s.get_playback_position === 'function') {
    const seconds = Number((s.get_playback_position as () => unknown).call(source));
    const rate = typeof s.pitch_scale === 'number' && s.pitch_scale > 0 ? s.pitch_scale : 1;
    return { positionMs: seconds * 1000, playing: s.playing === true, rate };
  }
  if (typeof s.stream_position === 'number' && typeof s.is_playing === 'function') {
    const playing = (s.is_playing as () => unknown).call(source) === true && s.paused !== true;
    return { positionMs: s.stream_position * 1000, playing, rate: 1 };
  }
  return undefined;
}
