export type {
  Pattern,
  Track,
  TrackCommon,
  TrackOutput,
  TrackBlend,
  KeyframeTrack,
  Keyframe,
  Ease,
  EaseName,
  WaveformTrack,
  Waveform,
  WaveShape,
  Envelope,
  TransientTrack,
  Transient,
  SequenceTrack,
  LoopCount,
} from './model.js';
export { INTENSITY_OUTPUTS } from './model.js';
export { parsePattern } from './parse.js';
export { compilePattern, type CompiledPattern, type CompiledTrack, type EvalContext } from './evaluate.js';
export type { MixRule } from './mixer.js';
export { OutputPacer, type OutputPacerOptions, type Move } from './sender.js';
export type { PlaybackHandle, PlaybackProgress, PlaybackEndReason } from './playback.js';
export {
  HapticsEngine,
  type HapticsHost,
  type HapticsOptions,
  type HapticsTarget,
  type PlayOptions,
  type SyncOptions,
  type TargetQuery,
} from './engine.js';
export { importAhap } from './import/ahap.js';
export { importLofelt } from './import/lofelt.js';
export { renderPatternSvg, type PreviewOptions } from './preview/svg.js';
export { renderScriptSvg, type ScriptPreviewOptions } from './preview/script-svg.js';
