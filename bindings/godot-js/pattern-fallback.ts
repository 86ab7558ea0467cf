import { PlugkitError, ManualMediaClock, ScriptSync, outputSyncTarget } from './sdk.js';
import type { Device, PlugkitClient, ScriptKeyframe } from './sdk.js';

/** What `play_pattern` returns internally: something that can be stopped. */
export interface Stoppable {
  stop(): void;
}

const bad = (path: string, message: string) =>
  new PlugkitError('INVALID_ARGUMENT', 'BadPattern', `${path}: ${message}`);

/**
 * Plays a single-keyframe-track pattern on the devices' vibrators through the script-sync engine.
 * Used only when the client has no pattern engine (`client.haptics`, sdk/haptics) yet; with the
 * engine present every pattern goes there.
 */
export function playKeyframePattern(
  client: PlugkitClient,
  pattern: unknown,
  devices: readonly Device[],
  gain: number,
  cap: number,
): Stoppable {
  const p = pattern as { version?: unknown; tracks?: unknown };
  if (typeof pattern !== 'object' || pattern === null || p.version !== 1)
    throw bad('$.version', 'a pattern is {"version": 1, "tracks": [...]}');
  if (!Array.isArray(p.tracks) || p.tracks.length !== 1)
    throw bad('$.tracks', 'this build of plugkit has no pattern engine; it plays exactly one keyframe track');
  const frames = (p.tracks[0] as { keyframes?: unknown }).keyframes;
  if (!Array.isArray(frames) || frames.length === 0)
    throw bad('$.tracks[0].keyframes', 'expected a non-empty list of {"at": ms, "value": 0..1}');
  const keyframes: ScriptKeyframe[] = frames.map((k: { at?: unknown; value?: unknown }, i) => {
    if (typeof k?.at !== 'number' || !(k.at >= 0) || (i > 0 && k.at <= (frames[i - 1] as { at: number }).at))
      throw bad(`$.tracks[0].keyframes[${i}].at`, 'expected a time in ms after the previous keyframe');
    if (typeof k.value !== 'number' || !(k.value >= 0 && k.value <= 1))
      throw bad(`$.tracks[0].keyframes[${i}].value`, 'expected a number from 0 to 1');
    return { at: k.at, value: Math.min(cap, k.value * gain) };
  });
  const targets = devices.flatMap((d) =>
    d.outputs('Vibrate').map((o) => ({ target: outputSyncTarget(d, o), axis: 'V0' as const })),
  );
  if (targets.length === 0)
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'NoTargets',
      'No connected device can vibrate; scan for devices first.',
    );
  const media = new ManualMediaClock(client.clock);
  const sync = new ScriptSync(
    { tracks: { V0: { axis: 'V0', keyframes, metadata: {} } }, metadata: {} },
    { clock$: media.report$, clock: client.clock, targets, softStartMs: 0 },
  );
  media.play();
  const end = client.clock.schedule(keyframes.at(-1)!.at + 1, () => void sync.stop());
  return {
    stop: () => {
      end.cancel();
      void sync.stop();
    },
  };
}
