import type { PlugkitClient } from '../../client/client.js';
import { PlugkitError } from '../../protocol/errors.js';
import type { Device } from '../../client/device.js';
import type { Output } from '../../client/output.js';
import { realClock, type Clock } from '../../clock/clock.js';
import { axisFromName, type AxisId } from '../funscript/axes.js';
import type { Funscript } from '../funscript/parse.js';
import { scriptSetOf, type ScriptSet } from '../funscript/script-set.js';
import { calibrationKey, type CalibrationStore } from './calibration.js';
import { outputSyncTarget } from './output-sync-target.js';
import { ScriptSync, type ScriptSyncOptions, type SyncBinding, type SyncHandle } from './script-sync.js';
import type { SyncTarget } from './target.js';

/** Options of {@link syncScript}: those of {@link ScriptSync}, with targets and clock optional. */
export interface SyncScriptOptions extends Omit<ScriptSyncOptions, 'targets' | 'clock'> {
  /** What to drive; default: every output of every device the script has a track for. */
  targets?: readonly (SyncTarget | SyncBinding)[];
  /** Local time; default the real clock. */
  clock?: Clock;
  /** Per-device latency offsets, by {@link calibrationKey}. */
  calibration?: CalibrationStore;
  /** Without `targets`: drive only the outputs this accepts (default: every output). */
  only?: (output: Output) => boolean;
}

/**
 * Plays `script` on the client's toys in step with `opts.clock$`. Without `targets`, each stroker
 * axis plays the track its feature description names (`L1`, `twist`… — else L0), vibrators play
 * V0 if the script has it, else the stroke converted to vibration, other outputs stay untouched.
 */
export function syncScript(
  client: Pick<PlugkitClient, 'devices'>,
  script: Funscript | ScriptSet,
  opts: SyncScriptOptions,
): SyncHandle {
  const set: ScriptSet = 'actions' in script ? scriptSetOf(script) : script;
  const targets =
    opts.targets ?? client.devices.flatMap((d) => bindingsFor(d, set, opts.calibration, opts.only));
  if (targets.length === 0)
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'NoTargets',
      `No connected device has an output for this script (tracks: ${Object.keys(set.tracks).join(', ') || 'none'}); scan for devices first or pass targets.`,
    );
  const { only: _only, calibration: _calibration, ...rest } = opts;
  return new ScriptSync(set, { ...rest, clock: opts.clock ?? realClock, targets });
}

const INTENSITY = new Set(['Vibrate', 'Rotate', 'Oscillate', 'Constrict']);

function bindingsFor(
  device: Device,
  set: ScriptSet,
  calibration?: CalibrationStore,
  only?: (output: Output) => boolean,
): SyncBinding[] {
  const calibrationMs = calibration?.get(calibrationKey(device)) ?? 0;
  return device.features.flatMap((feature) =>
    feature.outputs.flatMap((output): SyncBinding[] => {
      if (only && !only(output)) return [];
      const named = axisFromName(feature.description);
      let axis: AxisId;
      if (output.type === 'HwPositionWithDuration' || output.type === 'Position') axis = named ?? 'L0';
      else if (INTENSITY.has(output.type)) axis = named ?? (set.tracks.V0 ? 'V0' : 'L0');
      else return [];
      if (!set.tracks[axis]) return [];
      return [{ target: outputSyncTarget(device, output, { calibrationMs }), axis }];
    }),
  );
}
